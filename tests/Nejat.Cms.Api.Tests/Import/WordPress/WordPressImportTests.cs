using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>
/// The fixture site WordPress exported (in two parts, as a split export), imported once with its
/// uploads and asserted through the public and admin APIs: every mapping the import makes.
/// </summary>
public sealed class WordPressImportTests
{
    private const string Herat = "خانهها-در-هرات";
    private const string PhotoReport = "گزارش-تصویری-از-هرات";
    private const string CartoonShow = "نمایشگاه-کاریکاتور";

    private CmsApp _app = null!;
    private string _output = "";

    [OneTimeSetUp]
    public async Task ImportAsync()
    {
        _app = await CmsApp.StartAsync();
        _output = await _app.ImportSiteAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public void TheReportHoldsOnlyWhatTheFixtureDeliberatelyHas()
    {
        var sections = _output.Split('\n').Where(line => line.Length > 0 && !line.StartsWith(' ')).Select(line => line.Split(':')[0]).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(_output, Does.Contain("posts           10: 10 new, 0 changed, 0 unchanged (draft 4, published 4, scheduled 1, trashed 1)"));
            Assert.That(_output, Does.Contain("pages            3: 3 new, 0 changed, 0 unchanged (published 3)"));
            Assert.That(_output, Does.Contain("media            7: 7 stored from --uploads"));
            Assert.That(_output, Does.Contain("galleries        1: 1 new").And.Contain("navigation       2: 2 new").And.Contain("authors          3: 3 new"));
            Assert.That(_output, Does.Contain("tags            15: 14 new, 0 changed, 0 unchanged, 1 already there"));
            Assert.That(_output, Does.Contain("old URLs        88: 88 new"));
            Assert.That(_output, Does.Contain("[contact-form-7] 1× (first in page 14 'تماس' (fa))"));
            Assert.That(_output, Does.Contain("post 24 'گزارش محرمانه' (fa): password-protected in WordPress, imported as a draft"));
            Assert.That(_output, Does.Contain("sticky posts imported as ordinary posts"));
            Assert.That(_output, Does.Contain("tag 'کاریکاتور' (fa) and the category of the same slug are one tag"));
            // Nine posts and pages are in no Polylang group; the two pairs are linked.
            Assert.That(_output, Does.Contain("Posts and pages with no translation group, left unlinked: 9"));
            Assert.That(sections, Is.EquivalentTo(new[]
            {
                "Reading /", "Reading /", "Imported in", "Unknown shortcodes, kept as text", "Posts and pages with no translation group, left unlinked", "Notes",
            }).Using<string, string>((a, b) => a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)), _output);
        });
    }

    [Test]
    public async Task APostKeepsItsTitleUnicodeSlugGmtDateExcerptBylineTagsTranslationAndFeaturedImage()
    {
        var post = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(Herat)}");
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("slug").GetString(), Is.EqualTo(Herat));
            Assert.That(post.GetProperty("title").GetString(), Is.EqualTo("خانه‌ها در هرات"));
            Assert.That(post.GetProperty("excerpt").GetString(), Is.EqualTo("خانه‌های گلی هرات در برابر زمان."));
            // WordPress's local date was 08:15 in Tehran; the GMT field is the truth.
            Assert.That(post.GetProperty("publishedAt").GetString(), Is.EqualTo("2024-03-15T04:45:00Z"));
            Assert.That(post.GetProperty("author").GetProperty("slug").GetString(), Is.EqualTo("maryam"));
            Assert.That(post.GetProperty("author").GetProperty("name").GetString(), Is.EqualTo("مریم رحیمی"));
            Assert.That(post.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()), Is.EqualTo(new[] { "گزارش", "مقالهها", "حقوق-بشر", "زنان" }));
            Assert.That(post.GetProperty("primaryTag").GetProperty("name").GetString(), Is.EqualTo("گزارش"));
            Assert.That(post.GetProperty("translations")[0].GetProperty("edition").GetString(), Is.EqualTo("en"));
            Assert.That(post.GetProperty("translations")[0].GetProperty("slug").GetString(), Is.EqualTo("houses-in-herat"));
            var image = post.GetProperty("featuredMedia");
            Assert.That(image.GetProperty("title").GetString(), Is.EqualTo("خانه‌های هرات"));
            Assert.That(image.GetProperty("alt").GetString(), Is.EqualTo("خانه‌های گلی در هرات"));
            Assert.That(image.GetProperty("caption").GetString(), Is.EqualTo("خانه‌های قدیمی شهر هرات"));
            Assert.That(image.GetProperty("width").GetInt32(), Is.EqualTo(640));
        });
    }

    [Test]
    public async Task TheEnglishTranslationHasItsOwnBylineCategoriesAndTags()
    {
        var post = await _app.GetJsonAsync("/v1/en/posts/houses-in-herat");
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("author").GetProperty("name").GetString(), Is.EqualTo("John Smith"));
            Assert.That(post.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "Articles", "News & Views", "human rights" }));
            Assert.That(post.GetProperty("translations")[0].GetProperty("slug").GetString(), Is.EqualTo(Herat));
            Assert.That(post.GetProperty("bodyHtml").GetString(), Does.Contain($"<a href=\"/fa/posts/{Uri.EscapeDataString(Herat)}\">Farsi original</a>"));
        });
    }

    [Test]
    public async Task StatusesMapAsWordPressHasThem()
    {
        using var admin = await _app.CreateKeyClientAsync(Roles.Admin);
        var posts = new Dictionary<string, (string Status, string? PublishedAt)>();
        foreach (var status in new[] { "published", "scheduled", "draft", "trashed" })
        {
            var list = await admin.GetFromJsonAsync($"/v1/admin/posts?edition=fa&status={status}&perPage=100");
            foreach (var post in list.GetProperty("items").EnumerateArray())
            {
                posts[post.GetProperty("slug").GetString()!] = (post.GetProperty("status").GetString()!, post.GetProperty("publishedAt").GetString());
            }
        }

        Assert.That(posts, Is.EquivalentTo(new Dictionary<string, (string, string?)>
        {
            [Herat] = ("published", "2024-03-15T04:45:00Z"),
            [PhotoReport] = ("published", "2024-03-10T07:00:00Z"),
            [CartoonShow] = ("published", "2024-03-12T14:30:00Z"),
            ["گزارش-آینده"] = ("scheduled", "2031-05-01T06:30:00Z"),
            ["پیش‌نویس-یادداشت"] = ("draft", null), // no slug in WordPress yet: made from the title
            ["در-انتظار-بازبینی"] = ("draft", null), // pending
            ["یادداشت-خصوصی"] = ("draft", "2024-03-17T08:30:00Z"), // private
            ["گزارش-محرمانه"] = ("draft", "2024-03-18T08:30:00Z"), // password-protected
            ["خبر-حذفشده"] = ("trashed", "2024-02-01T08:30:00Z"), // without WordPress's __trashed
        }));
    }

    [Test]
    public async Task AClassicPostIsRenderedAsWordPressDoesWithItsLinksRewritten()
    {
        var body = (await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(Herat)}")).GetProperty("bodyHtml").GetString()!;
        var market = await MediaAsync("بازار هرات");
        var newsletter = Sha256("newsletter-2024-03.pdf");
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.StartWith("<p>خانه‌های گلی هرات <strong>صدها سال</strong> دوام آورده‌اند."));
            Assert.That(body, Does.Contain("را ببینید.<br>\nسطر دوم همین بند.</p>"));
            Assert.That(body, Does.Contain($"<figure><img src=\"/v1/files/{market}/320.jpg\" alt=\"بازار سرپوشیدهٔ هرات\" width=\"300\" height=\"200\"><figcaption>بازار سرپوشیدهٔ هرات، اسفند ۱۴۰۲</figcaption></figure>"));
            Assert.That(body, Does.Contain("<p><iframe src=\"https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ\""));
            Assert.That(body, Does.Contain($"<a href=\"/fa/posts/{Uri.EscapeDataString(PhotoReport)}\">گزارش تصویری</a>"));
            Assert.That(body, Does.Contain($"<a href=\"/fa/posts/{Uri.EscapeDataString(CartoonShow)}\">نمایشگاه</a>"), "?p=12");
            Assert.That(body, Does.Contain($"<a href=\"/fa/tags/{Uri.EscapeDataString("مقالهها")}\">مقاله‌ها</a>"), "?cat=4");
            Assert.That(body, Does.Contain($"<a href=\"/fa/tags/{Uri.EscapeDataString("حقوق-بشر")}\">حقوق بشر</a>"), "?tag=");
            Assert.That(body, Does.Contain($"<a href=\"/v1/files/{newsletter}.pdf\">خبرنامه</a>"));
            Assert.That(body, Does.Contain($"<a href=\"/fa/pages/{Uri.EscapeDataString("درباره-ما")}\">درباره ما</a>"));
            Assert.That(body, Does.Contain("<a href=\"/fa\">صفحهٔ نخست</a>"));
            Assert.That(body, Does.Contain("<a href=\"https://fa.wikipedia.org/wiki/هرات\">ویکی‌پدیا</a>"));
            Assert.That(body, Does.Contain("<blockquote>\n<p>خانه، حافظهٔ شهر است.</p>\n</blockquote>"));
            Assert.That(body, Does.Contain("<ul>\n<li>خشت</li>\n<li>چوب</li>\n</ul>"));
            Assert.That(body, Does.Not.Contain("nejat.example").And.Not.Contain("[caption"));
        });
    }

    [Test]
    public async Task ABlockEditorPostLosesItsBlockCommentsAndKeepsItsBlocks()
    {
        var body = (await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(PhotoReport)}")).GetProperty("bodyHtml").GetString()!;
        Assert.Multiple(async () =>
        {
            Assert.That(body, Does.Not.Contain("<!--").And.Not.Contain("wp:"));
            Assert.That(body, Does.StartWith("<p>محله‌های قدیمی هرات هنوز زنده‌اند.</p>\n<h2>بازار</h2>"));
            Assert.That(body, Does.Contain($"<figure><img src=\"/v1/files/{await MediaAsync("نمودار")}/400.png\" alt=\"نمودار گزارش‌ها\"><figcaption>نمودار گزارش‌ها در سال ۱۴۰۲</figcaption></figure>"));
            Assert.That(body, Does.Contain("<ul>\n<li>نخست</li>\n<li>دوم</li>\n</ul>"));
            Assert.That(body, Does.Contain("<iframe src=\"https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ\""));
        });
    }

    [Test]
    public async Task AGalleryBecomesAGalleryTitledAsItsPostAndTheBodyShowsIt()
    {
        var post = (await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(CartoonShow)}")).GetProperty("bodyHtml").GetString()!;
        var gallery = await _app.GetJsonAsync($"/v1/fa/galleries/{Uri.EscapeDataString(CartoonShow)}");
        var path = $"/fa/media/galleries/{Uri.EscapeDataString(CartoonShow)}";
        Assert.Multiple(() =>
        {
            Assert.That(gallery.GetProperty("title").GetString(), Is.EqualTo("نمایشگاه کاریکاتور"));
            Assert.That(gallery.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("alt").GetString()), Is.EqualTo(new[] { "کاریکاتور 1", "کاریکاتور 2", "کاریکاتور 3" }));
            Assert.That(post, Does.StartWith($"<p>سه کاریکاتور از نمایشگاه امسال.</p>\n<figure><a href=\"{path}\"><img src=\"/v1/files/{Sha256("cartoon-1.jpg")}/320.jpg\" alt=\"کاریکاتور 1\"></a>"));
            Assert.That(post, Does.Contain($"<figcaption><a href=\"{path}\">نمایشگاه کاریکاتور</a></figcaption></figure>"));
            Assert.That(post, Does.Contain("<iframe src=\"https://player.vimeo.com/video/76979871\""), "[embed]");
            Assert.That(post, Does.Contain($"<a href=\"/v1/files/{Sha256("cartoon-1.jpg")}/480.jpg\">صفحهٔ نخستین کاریکاتور</a>"), "an attachment page");
        });
    }

    [Test]
    public async Task PagesKeepTheirTranslationsAndUnknownShortcodesStayAsText()
    {
        var about = await _app.GetJsonAsync($"/v1/fa/pages/{Uri.EscapeDataString("درباره-ما")}");
        var contact = await _app.GetJsonAsync($"/v1/fa/pages/{Uri.EscapeDataString("تماس")}");
        Assert.Multiple(() =>
        {
            Assert.That(about.GetProperty("bodyHtml").GetString(), Is.EqualTo("<p>نجات یک رسانهٔ مستقل است.</p>\n<p>ما از سال ۱۳۹۲ می‌نویسیم.</p>\n"));
            Assert.That(about.GetProperty("translations")[0].GetProperty("slug").GetString(), Is.EqualTo("about-us"));
            Assert.That(contact.GetProperty("bodyHtml").GetString(), Does.Contain("<p>[contact-form-7 id=\"5\" title=\"تماس با ما\"]</p>"));
        });
    }

    [Test]
    public async Task EveryCategoryAndTagIsATagEmptyOnesIncluded()
    {
        var farsi = await _app.GetJsonAsync("/v1/fa/tags?perPage=100");
        var english = await _app.GetJsonAsync("/v1/en/tags?perPage=100");
        Assert.Multiple(() =>
        {
            Assert.That(farsi.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()), Is.EquivalentTo(new[]
            {
                "مقالهها", "گزارش", "رسانه", "کاریکاتور", "ویدیو", "انتشارات", "کتابها", "حقوق-بشر", "زنان", "هنر", "uncategorized",
            }));
            Assert.That(english.GetProperty("items").EnumerateArray().Select(t => (t.GetProperty("slug").GetString(), t.GetProperty("name").GetString())),
                Is.EquivalentTo(new[] { ("articles", "Articles"), ("news-views", "News & Views"), ("human-rights", "human rights") }));
        });
    }

    [Test]
    public async Task MenusBecomeEachEditionsNavigationWithSubMenus()
    {
        var farsi = await _app.GetJsonAsync("/v1/fa/navigation");
        var english = await _app.GetJsonAsync("/v1/en/navigation");
        static string Tree(JsonElement items) => string.Join(", ", items.EnumerateArray().Select(item =>
            $"{item.GetProperty("label").GetString()}:{item.GetProperty("kind").GetString() ?? "heading"}"
            + (item.GetProperty("children").GetArrayLength() > 0 ? $" [{Tree(item.GetProperty("children"))}]" : "")));
        Assert.Multiple(() =>
        {
            Assert.That(Tree(farsi.GetProperty("items")), Is.EqualTo(
                "خانه:home, مقاله‌ها:tag, رسانه:heading [گزارش تصویری:post, کاریکاتور:tag, ویدیو:tag], "
                + "انتشارات:heading [کتاب‌ها:tag, نمایشگاه:post], درباره ما:page [تماس:page], تلگرام:external"));
            Assert.That(Tree(english.GetProperty("items")), Is.EqualTo("Home:home, Articles:tag, About us:page"));
            Assert.That(farsi.GetProperty("items")[5].GetProperty("href").GetString(), Is.EqualTo("https://t.me/nejat_fa"));
        });
    }

    [Test]
    public async Task MediaGoThroughTheUploadPipelineAndNoRenditionCarriesTheCamerasExif()
    {
        var image = (await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(Herat)}")).GetProperty("featuredMedia");
        var sha = Sha256("herat-houses.jpg");
        using var client = _app.CreateClient();
        var served = await client.GetByteArrayAsync(image.GetProperty("url").GetString());
        var small = await client.GetByteArrayAsync(image.GetProperty("renditions")[0].GetProperty("url").GetString());
        var stored = await File.ReadAllBytesAsync(Path.Combine(_app.MediaDir, "files", sha[..2], sha));
        Assert.Multiple(() =>
        {
            Assert.That(image.GetProperty("url").GetString(), Does.StartWith($"/v1/files/{sha}/"));
            Assert.That(Encoding.Latin1.GetString(stored), Does.Contain("FixtureCam"), "the uploaded bytes are kept as they came");
            Assert.That(Encoding.Latin1.GetString(served), Does.Not.Contain("FixtureCam").And.Not.Contain("Exif"));
            Assert.That(Encoding.Latin1.GetString(small), Does.Not.Contain("FixtureCam").And.Not.Contain("Exif"));
        });
    }

    [Test]
    public async Task EveryOldUrlOfTheSiteLandsOnItsNewHome()
    {
        using var client = _app.NoRedirects();
        var items = WordPressFixture.Items();
        var checkedUrls = new List<string>();
        async Task ExpectAsync(string url, string kind, string? edition, string? slug)
        {
            var (status, location, body) = await client.RedirectAsync(url);
            checkedUrls.Add(url);
            Assert.That(status, Is.EqualTo(HttpStatusCode.MovedPermanently), $"{url}: {body}");
            Assert.That(body.GetProperty("kind").GetString(), Is.EqualTo(kind), url);
            Assert.That(body.GetProperty("edition").GetString(), Is.EqualTo(edition), url);
            Assert.That(body.GetProperty("slug").GetString(), Is.EqualTo(slug), url);
            Assert.That(location, Is.EqualTo(body.GetProperty("url").GetString()), url);
        }

        Assert.Multiple(async () =>
        {
            foreach (var item in items.Where(i => i.Type is "post" or "page"))
            {
                var urls = new List<string> { item.Link, $"http://www.nejat.example/?p={item.Id}" };
                urls.AddRange(item.Type == "page" ? [$"http://www.nejat.example/?page_id={item.Id}"] : []);
                foreach (var url in urls)
                {
                    if (item.Status == "publish" && item.Password.Length == 0)
                    {
                        await ExpectAsync(url, item.Type, item.Language, item.Slug);
                    }
                    else
                    {
                        Assert.That((await client.RedirectAsync(url)).Status, Is.EqualTo(HttpStatusCode.NotFound), $"{url} is not public");
                        checkedUrls.Add(url);
                    }
                }
            }

            foreach (var attachment in items.Where(i => i.Type == "attachment"))
            {
                var file = Path.GetFileName(new Uri(attachment.AttachmentUrl).AbsolutePath);
                var sizes = Directory.GetFiles(Path.Combine(WordPressFixture.Uploads, "2024", "03"), Path.GetFileNameWithoutExtension(file) + "-*x*" + Path.GetExtension(file))
                    .Select(size => $"http://www.nejat.example/wp-content/uploads/2024/03/{Path.GetFileName(size)}");
                foreach (var url in new[] { attachment.Link, $"/?attachment_id={attachment.Id}", attachment.AttachmentUrl }.Concat(sizes))
                {
                    var (status, _, body) = await client.RedirectAsync(url);
                    checkedUrls.Add(url);
                    Assert.That(status, Is.EqualTo(HttpStatusCode.MovedPermanently), $"{url}: {body}");
                    Assert.That(body.GetProperty("url").GetString(), Does.StartWith($"/v1/files/{Sha256(file)}"), url);
                }
            }

            var terms = WordPressFixture.Terms();
            foreach (var term in terms)
            {
                var edition = term.RawSlug is "articles" or "news-views" or "human-rights" ? "en" : "fa";
                if (term.Taxonomy == "category")
                {
                    var path = term.ParentRawSlug.Length > 0 ? $"{terms.Single(t => t.RawSlug == term.ParentRawSlug && t.Taxonomy == "category").RawSlug}/{term.RawSlug}" : term.RawSlug;
                    await ExpectAsync($"http://www.nejat.example/category/{path}/", "tag", edition, term.Slug);
                    await ExpectAsync($"http://nejat.example/?cat={term.Id}", "tag", edition, term.Slug);
                }
                else
                {
                    await ExpectAsync($"https://www.nejat.example/tag/{term.RawSlug}/", "tag", edition, term.Slug);
                    await ExpectAsync($"/?tag={term.Slug}", "tag", edition, term.Slug);
                }
            }

            await ExpectAsync("http://www.nejat.example/", "home", "fa", null);
            await ExpectAsync("http://www.nejat.example/en/", "home", "en", null);
            await ExpectAsync($"/2024/03/{Uri.EscapeDataString(Herat)}/2/", "post", "fa", Herat);
            Assert.That(checkedUrls, Has.Count.EqualTo(95));
        });
    }

    [Test]
    public async Task TheOldUrlLookupRefusesBadInputClearly()
    {
        using var client = _app.NoRedirects();
        Assert.Multiple(async () =>
        {
            foreach (var (url, status) in new[]
            {
                ("/v1/redirects", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=2024%2F03", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=%2F%2Fevil.example%2F", HttpStatusCode.BadRequest),
                ($"/v1/redirects?url=%2F{new string('a', 3000)}", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=%2Fa&path=%2Fb", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=%2Fa%00", HttpStatusCode.BadRequest),
                ("/v1/redirects?url=%2Fno-such-page%2F", HttpStatusCode.NotFound),
            })
            {
                using var response = await client.GetAsync(url);
                Assert.That(response.StatusCode, Is.EqualTo(status), url);
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), url);
            }
        });
    }

    private async Task<string> MediaAsync(string title)
    {
        var list = await _app.GetJsonAsync("/v1/media?perPage=100&edition=fa");
        return list.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("title").GetString() == title).GetProperty("url").GetString()!.Split('/')[3];
    }

    private static string Sha256(string upload) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(WordPressFixture.Uploads, "2024", "03", upload))));
}
