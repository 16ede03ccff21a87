using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>Search, suggestions and q on the posts list, through HTTP, in all four editions.</summary>
public sealed class SearchTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync([
            Seed.Author("ana", "Ana Hoxha"),
            Seed.Tag("en", "world", "World"),
            Seed.Tag("en", "asylum", "Asylum"),
            Seed.Post("fa", "fa-books", "2026-01-10T08:00:00Z", title: "کتاب‌های تازه در کتابخانه ملی",
                bodyHtml: "<p>یک مجموعه از ۱۲۰ جلد از کتاب‌های قدیمی در سال ۱۴۰۵ به کتابخانهٔ ملی رسید.</p>"),
            Seed.Post("fa", "fa-houses", "2026-01-11T08:00:00Z", title: "خانه‌ها در تهران گران‌تر شدند",
                bodyHtml: "<p>قیمت خانه‌ها در تهران بیشتر شد؛ بزرگ‌ترین افزایش در شمال شهر بود.</p>"),
            Seed.Post("fa", "fa-sport", "2026-01-12T08:00:00Z", title: "ورزش", bodyHtml: "<p>فوتبال و کشتی</p>"),
            Seed.Post("ar", "ar-school", "2026-01-10T08:00:00Z", title: "المدرسة الجديدة في القاهرة",
                bodyHtml: "<p>قال أحمد إن المدرسة افتُتِحت في عام ٢٠٢٦.</p>"),
            Seed.Post("en", "en-crossing", "2026-01-05T08:00:00Z", title: "Refugees cross the border at dawn", tags: ["world"], author: "ana",
                bodyHtml: "<p>Families waited for days. The crossing took hours.</p>"),
            Seed.Post("en", "en-camp", "2026-01-06T08:00:00Z", title: "A camp in the hills", tags: ["world", "asylum"],
                bodyHtml: "<p>The camp holds two thousand people. Each refugee family gets a tent &lt;b&gt; &amp; water.</p>"),
            Seed.Post("en", "en-relocation", "2026-01-07T08:00:00Z", title: "Relocation plans", bodyHtml: "<p>Nobody moved this year.</p>"),
            Seed.Post("en", "en-draft", "2026-01-08T08:00:00Z", status: "draft", title: "Refugees draft", bodyHtml: "<p>refugee</p>"),
            Seed.Post("sq", "sq-football", "2026-01-10T08:00:00Z", title: "Shqipëria fiton në futboll",
                bodyHtml: "<p>Një çështje e madhe për vendin.</p>"),
        ]);
        var admin = await _app.CreateKeyClientAsync(Roles.Admin);
        var page = await admin.PostJsonAsync("/v1/admin/pages", new
        {
            edition = "en", title = "About our refugee coverage", status = "published", publishedAt = "2025-06-01T00:00:00Z",
            bodyHtml = "<p>How we report.</p>",
        });
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.Created));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private Task<JsonElement> SearchAsync(string edition, string q, string extra = "") =>
        _app.GetJsonAsync($"/v1/{edition}/search?q={Uri.EscapeDataString(q)}{extra}");

    private static string[] Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

    // Every rule of the normaliser finds the Farsi post, whichever keyboard typed the query.
    [TestCase("كتابهاي", "fa-books", TestName = "fa: Arabic-keyboard letters and a joined suffix")]
    [TestCase("کتاب های", "fa-books", TestName = "fa: suffix written apart")]
    [TestCase("کتاب‌های", "fa-books", TestName = "fa: suffix after ZWNJ")]
    [TestCase("کِتابهای", "fa-books", TestName = "fa: with a kasra")]
    [TestCase("كتابخانة", "fa-books", TestName = "fa: teh marbuta for heh")]
    [TestCase("١٢٠", "fa-books", TestName = "fa: Arabic-Indic digits")]
    [TestCase("120", "fa-books", TestName = "fa: Latin digits")]
    [TestCase("۱۴۰۵", "fa-books", TestName = "fa: Persian digits")]
    [TestCase("خانه ها", "fa-houses", TestName = "fa: خانه ها finds خانه‌ها")]
    [TestCase("خانهها", "fa-houses", TestName = "fa: خانهها finds خانه‌ها")]
    [TestCase("گرانتر", "fa-houses", TestName = "fa: گرانتر finds گران‌تر")]
    [TestCase("بزرگ ترین", "fa-houses", TestName = "fa: بزرگ ترین finds بزرگ‌ترین")]
    [TestCase("احمد", "ar-school", TestName = "ar: alef finds alef with hamza")]
    [TestCase("مَدرَسَة", "ar-school", TestName = "ar: diacritics ignored")]
    [TestCase("مـدرسـة", "ar-school", TestName = "ar: tatweel ignored")]
    [TestCase("2026", "ar-school", TestName = "ar: Latin digits find Arabic-Indic")]
    [TestCase("مدرسه", "ar-school", TestName = "ar: heh for teh marbuta, without the article, stems alike")]
    [TestCase("مدرسة", "ar-school", TestName = "ar: مدرسة finds المدرسة")]
    [TestCase("refugee", "en-crossing", TestName = "en: stemming, refugee finds refugees")]
    [TestCase("relocated", "en-relocation", TestName = "en: relocated finds relocation (the stemmer agrees)")]
    [TestCase("shqiperia", "sq-football", TestName = "sq: without ë")]
    [TestCase("CESHTJE", "sq-football", TestName = "sq: without ç and in capitals")]
    public async Task EachRuleFindsThePost(string q, string slug)
    {
        var edition = slug[..2];
        Assert.That(Slugs(await SearchAsync(edition, q)), Does.Contain(slug));
    }

    [Test]
    public async Task TitleMatchesComeFirstThenNewest()
    {
        var page = await SearchAsync("en", "refugee");
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            // Title hits (the page is older than the post), then the body hit; drafts never.
            Assert.That(Slugs(page), Is.EqualTo(new[] { "en-crossing", "about-our-refugee-coverage", "en-camp" }));
            Assert.That(items.Select(i => i.GetProperty("kind").GetString()), Is.EqualTo(new[] { "post", "page", "post" }));
            Assert.That(page.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(3));
            Assert.That(page.GetProperty("didYouMean").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    // A title match is checked against the whole text after the titles are sorted: -word still excludes
    // a post whose title matches and whose body has the word (en-crossing; en-camp's "family" is stemmed alike).
    [Test]
    public async Task ExcludedWordInTheBodyDropsATitleMatch() =>
        Assert.That(Slugs(await SearchAsync("en", "refugee -families")), Is.EqualTo(new[] { "about-our-refugee-coverage" }));

    [Test]
    public async Task SnippetsMarkMatchesAndEscapeEverythingElse()
    {
        var camp = (await SearchAsync("en", "refugee water")).GetProperty("items")[0];
        var snippet = camp.GetProperty("snippet").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(camp.GetProperty("slug").GetString(), Is.EqualTo("en-camp"));
            Assert.That(snippet, Does.Contain("<mark>refugee</mark>"));
            Assert.That(snippet, Does.Contain("&lt;b&gt; &amp; <mark>water.</mark>"));
            Assert.That(snippet.Replace("<mark>", "").Replace("</mark>", ""), Does.Not.Contain("<"));
        });

        var farsi = (await SearchAsync("fa", "كتابهاي")).GetProperty("items")[0].GetProperty("snippet").GetString();
        Assert.That(farsi, Does.Contain("<mark>کتاب‌های</mark>"), "the snippet shows the text as written, marked");
    }

    [Test]
    public async Task PhrasesAndSeveralWords()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(Slugs(await SearchAsync("en", "\"cross the border\"")), Is.EqualTo(new[] { "en-crossing" }));
            Assert.That(Slugs(await SearchAsync("en", "\"border cross\"")), Is.Empty);
            Assert.That(Slugs(await SearchAsync("en", "camp hills")), Is.EqualTo(new[] { "en-camp" }));
            Assert.That(Slugs(await SearchAsync("en", "camp dawn")), Is.Empty, "every word must match");
            Assert.That(Slugs(await SearchAsync("en", "refugee -camp")), Does.Not.Contain("en-camp"));
        });
    }

    [Test]
    public async Task SearchesOneEditionOnly()
    {
        Assert.That(Slugs(await SearchAsync("sq", "refugee")), Is.Empty);
        Assert.That(Slugs(await SearchAsync("fa", "احمد")), Is.Empty);
    }

    [Test]
    public async Task NoHitsOfferTheClosestSpelling()
    {
        var page = await SearchAsync("en", "refugess");
        var didYouMean = page.GetProperty("didYouMean");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(page), Is.Empty);
            Assert.That(didYouMean.GetProperty("query").GetString(), Is.EqualTo("refugees"));
            Assert.That(didYouMean.GetProperty("href").GetString(), Is.EqualTo("/v1/en/search?q=refugees"));
        });

        // Words that match stay as typed; a tag name can be the correction.
        var tagged = await SearchAsync("en", "camp asylun");
        Assert.That(tagged.GetProperty("didYouMean").GetProperty("query").GetString(), Is.EqualTo("camp asylum"));
        var albanian = await SearchAsync("sq", "shqiperiaa");
        Assert.That(albanian.GetProperty("didYouMean").GetProperty("query").GetString(), Is.EqualTo("shqipëria"));
    }

    // didYouMean reads the edition's whole vocabulary: these words are in bodies only, and are offered as written.
    [TestCase("en", "thousend", "thousand", TestName = "didYouMean: en body word")]
    [TestCase("fa", "بزرگترينن", "بزرگ‌ترین", TestName = "didYouMean: fa body word with ZWNJ, typed with Arabic-keyboard letters and no ZWNJ")]
    [TestCase("ar", "احمدد", "أحمد", TestName = "didYouMean: ar body word with hamza, typed without")]
    [TestCase("sq", "ceshtjje", "çështje", TestName = "didYouMean: sq body word, typed without ç and ë")]
    public async Task AMisspeltBodyWordIsCorrectedAsWritten(string edition, string q, string correction)
    {
        var page = await SearchAsync(edition, q);
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(page), Is.Empty);
            Assert.That(page.GetProperty("didYouMean").GetProperty("query").GetString(), Is.EqualTo(correction));
        });
    }

    [Test]
    public async Task WordsThatExistAreNotCorrected()
    {
        // Each word is in a post, but no post has both.
        var both = await SearchAsync("en", "thousand dawn");
        var one = await SearchAsync("en", "thousand dawnn");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(both), Is.Empty);
            Assert.That(both.GetProperty("didYouMean").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(one.GetProperty("didYouMean").GetProperty("query").GetString(), Is.EqualTo("thousand dawn"));
        });
    }

    [Test]
    public async Task UnpublishingTheOnlyPostWithAWordTakesItOutOfSuggestions()
    {
        using var admin = await _app.CreateKeyClientAsync(Roles.Admin);
        var created = await admin.PostJsonAsync("/v1/admin/posts", new
        {
            edition = "en", title = "Harbour news", bodyHtml = "<p>The zanzibarian ferry left.</p>", tags = Array.Empty<string>(),
        });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        var id = created.Body.GetProperty("id").GetInt64();
        var published = await admin.PostJsonAsync($"/v1/admin/posts/{id}/publish", new { }, created.ETag);
        Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
        var whilePublished = await SearchAsync("en", "zanzibarien");

        var unpublished = await admin.PostJsonAsync($"/v1/admin/posts/{id}/unpublish", new { }, published.ETag);
        Assert.That(unpublished.Status, Is.EqualTo(HttpStatusCode.OK), unpublished.Body.ToString());
        var afterwards = await SearchAsync("en", "zanzibarien");
        Assert.Multiple(() =>
        {
            Assert.That(whilePublished.GetProperty("didYouMean").GetProperty("query").GetString(), Is.EqualTo("zanzibarian"));
            Assert.That(afterwards.GetProperty("didYouMean").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task PagesOfResults()
    {
        var first = await SearchAsync("en", "refugee", "&perPage=2");
        var second = await _app.GetJsonAsync(first.GetProperty("links").GetProperty("next").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(first), Is.EqualTo(new[] { "en-crossing", "about-our-refugee-coverage" }));
            Assert.That(first.GetProperty("page").GetProperty("totalPages").GetInt32(), Is.EqualTo(2));
            Assert.That(Slugs(second), Is.EqualTo(new[] { "en-camp" }));
            Assert.That(second.GetProperty("links").GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        var past = await SearchAsync("en", "refugee", "&page=9");
        Assert.That(past.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(3));
    }

    [Test]
    public async Task SuggestCompletesTitlesAsTheReaderTypes()
    {
        async Task<string[]> Titles(string edition, string q) =>
            (await _app.GetJsonAsync($"/v1/{edition}/search/suggest?q={Uri.EscapeDataString(q)}")).GetProperty("items")
                .EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();

        Assert.Multiple(async () =>
        {
            Assert.That(await Titles("en", "refu"), Is.EqualTo(new[] { "Refugees cross the border at dawn", "About our refugee coverage" }));
            Assert.That(await Titles("en", "relocat"), Is.EqualTo(new[] { "Relocation plans" }), "a half-typed word, unstemmed");
            Assert.That(await Titles("en", "cross bor"), Is.EqualTo(new[] { "Refugees cross the border at dawn" }));
            Assert.That(await Titles("fa", "كتا"), Is.EqualTo(new[] { "کتاب‌های تازه در کتابخانه ملی" }), "Arabic keyboard");
            Assert.That(await Titles("sq", "shqip"), Is.EqualTo(new[] { "Shqipëria fiton në futboll" }));
            Assert.That(await Titles("en", "r"), Is.Empty, "one letter suggests nothing");
        });
    }

    [Test]
    public async Task QOnThePostsListSearchesPostsOnly()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?q=refugee");
        var tagged = await _app.GetJsonAsync("/v1/en/posts?q=refugee&tag=asylum");
        var byAuthor = await _app.GetJsonAsync("/v1/en/posts?q=refugee&author=ana");
        var blank = await _app.GetJsonAsync("/v1/en/posts?q=");
        var dated = await _app.GetJsonAsync("/v1/en/posts?q=refugee&from=2026-01-06");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(new[] { "en-crossing", "en-camp" }));
            Assert.That(Slugs(tagged), Is.EqualTo(new[] { "en-camp" }));
            Assert.That(Slugs(byAuthor), Is.EqualTo(new[] { "en-crossing" }));
            Assert.That(blank.GetProperty("items").GetArrayLength(), Is.EqualTo(3), "an empty q (as forms send) is no search");
            Assert.That(Slugs(dated), Is.EqualTo(new[] { "en-camp" }), "q within a date range");
        });
    }

    [TestCase("/v1/en/search", "q", TestName = "q missing")]
    [TestCase("/v1/en/search?q=%20%20", "q", TestName = "q blank")]
    [TestCase("/v1/en/search?q=a&perPage=0", "perPage", TestName = "bad perPage")]
    [TestCase("/v1/en/search/suggest", "q", TestName = "suggest without q")]
    [TestCase("/v1/en/search/suggest?q=ab&limit=50", "limit", TestName = "suggest limit too big")]
    [TestCase("/v1/en/posts?q=refugee&cursor=abc", "cursor", TestName = "q with cursor")]
    public async Task BadQueriesAre400sNamingTheParameter(string url, string parameter)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ALongQueryIsA400()
    {
        var problem = await _app.GetProblemAsync($"/v1/en/search?q={new string('a', 201)}", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("200"));
    }

    [Test]
    public async Task UnknownEditionsAre404s()
    {
        await _app.GetProblemAsync("/v1/xx/search?q=a", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/xx/search/suggest?q=ab", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task QueriesThatAreOnlyOperatorsOrStopWordsFindNothingQuietly()
    {
        foreach (var q in new[] { "the", "\"", "-", "or", "'", "(", ":*", "!" })
        {
            var page = await SearchAsync("en", q);
            Assert.That(Slugs(page), Is.Empty, q);
        }
    }
}
