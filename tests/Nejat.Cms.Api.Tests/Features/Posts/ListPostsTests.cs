using System.Net;
using System.Text.Json;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class ListPostsTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        var posts = Enumerable.Range(1, 23)
            .Select(i => Seed.Post("en", $"post-{i:00}", $"2024-01-{i:00}T10:00:00Z", tags: i % 2 == 0 ? ["even", "all"] : ["all"], author: i <= 5 ? "ana" : null));
        await _app.SeedAsync([
            Seed.Author("ana", "Ana Hoxha"),
            Seed.Tag("en", "all", "All"),
            Seed.Tag("en", "even", "Even"),
            .. posts,
            // Three posts at the same instant: ties go newest id first.
            Seed.Post("en", "tie-a", "2024-02-01T00:00:00Z"),
            Seed.Post("en", "tie-b", "2024-02-01T00:00:00Z"),
            Seed.Post("en", "tie-c", "2024-02-01T00:00:00Z"),
            Seed.Post("en", "hidden-draft", "2024-03-01T00:00:00Z", status: "draft", tags: ["all"], author: "ana"),
            Seed.Post("en", "hidden-scheduled", "2099-01-01T00:00:00Z", status: "scheduled", tags: ["all"], author: "ana"),
            Seed.Post("en", "hidden-future", "2099-01-01T00:00:00Z", status: "published", tags: ["all"], author: "ana"),
            Seed.Post("fa", "another-edition", "2025-01-01T00:00:00Z"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string[] Slugs(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

    [Test]
    public async Task NewestFirstWithTiesBrokenByNewestId()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?perPage=5");
        Assert.That(Slugs(list), Is.EqualTo(new[] { "tie-c", "tie-b", "tie-a", "post-23", "post-22" }));
    }

    [Test]
    public async Task DefaultPageIsTenAndPageArithmeticIsExact()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts");
        var page = list.GetProperty("page");
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(10));
            Assert.That(page.GetProperty("number").GetInt32(), Is.EqualTo(1));
            Assert.That(page.GetProperty("size").GetInt32(), Is.EqualTo(10));
            Assert.That(page.GetProperty("totalItems").GetInt64(), Is.EqualTo(26));
            Assert.That(page.GetProperty("totalPages").GetInt32(), Is.EqualTo(3));
            Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Does.Match("^/v1/en/posts\\?cursor=[A-Za-z0-9_-]+&perPage=10$"), "without page, links carry cursors");
            Assert.That(list.GetProperty("links").GetProperty("prev").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task LastPageHasTheRemainderAndOnlyAPrevLink()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?page=3&perPage=10&tag=all");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(new[] { "post-03", "post-02", "post-01" }));
            Assert.That(list.GetProperty("links").GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(list.GetProperty("links").GetProperty("prev").GetString(), Is.EqualTo("/v1/en/posts?tag=all&page=2&perPage=10"));
        });
    }

    [Test]
    public async Task PagesWalkedByNextLinksVisitEveryPostOnce()
    {
        var seen = new List<string>();
        string? next = "/v1/en/posts?perPage=4";
        while (next is not null)
        {
            var list = await _app.GetJsonAsync(next);
            seen.AddRange(Slugs(list));
            next = list.GetProperty("links").GetProperty("next").GetString();
        }

        Assert.That(seen, Has.Count.EqualTo(26).And.Unique);
    }

    [Test]
    public async Task NumberedPagesLinkByNumber()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?page=1&perPage=10&tag=all");
        Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Is.EqualTo("/v1/en/posts?tag=all&page=2&perPage=10"));
    }

    private async Task<List<string>> WalkAsync(string first, string link)
    {
        var seen = new List<string>();
        string? next = first;
        while (next is not null)
        {
            var list = await _app.GetJsonAsync(next);
            seen.AddRange(link == "next" ? Slugs(list) : Slugs(list).Reverse());
            next = list.GetProperty("links").GetProperty(link).GetString();
            Assert.That(seen, Has.Count.LessThan(100), "the walk ends");
        }

        return seen;
    }

    [TestCase("")]
    [TestCase("&tag=all")]
    [TestCase("&author=ana")]
    [TestCase("&tag=even&author=ana")]
    public async Task CursorLinksWalkEveryPostOnceOlderAndBackNewer(string filter)
    {
        var everything = Slugs(await _app.GetJsonAsync($"/v1/en/posts?page=1&perPage=100{filter}"));
        var older = await WalkAsync($"/v1/en/posts?perPage=3{filter}", "next");
        var lastPage = await _app.GetJsonAsync($"/v1/en/posts?perPage=3{filter}&page={(everything.Length + 2) / 3}");
        var lastSlug = Slugs(lastPage)[^1];
        // From the oldest post's page back to the newest by prev links.
        var fromOldest = await _app.GetJsonAsync($"/v1/en/posts?perPage=3{filter}");
        string? cursorToOldest = fromOldest.GetProperty("links").GetProperty("next").GetString();
        JsonElement page = fromOldest;
        while (cursorToOldest is not null && !Slugs(page).Contains(lastSlug))
        {
            page = await _app.GetJsonAsync(cursorToOldest);
            cursorToOldest = page.GetProperty("links").GetProperty("next").GetString();
        }

        var newer = page.GetProperty("links").GetProperty("prev").GetString() is { } prev ? await WalkAsync(prev, "prev") : [];
        Assert.Multiple(() =>
        {
            Assert.That(older, Is.EqualTo(everything), "older by next links");
            Assert.That(Enumerable.Reverse(newer).Concat(Slugs(page)), Is.EqualTo(everything), "newer by prev links");
            Assert.That(page.GetProperty("page").GetProperty("number").ValueKind, Is.EqualTo(everything.Length > 3 ? JsonValueKind.Null : JsonValueKind.Number), "a page reached by cursor has no number");
        });
    }

    [Test]
    public async Task ACursorNeitherSkipsNorRepeatsWhenPostsArePublishedMeanwhile()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync([.. Enumerable.Range(1, 6).Select(i => Seed.Post("sq", $"lajm-{i}", $"2024-01-0{i}T00:00:00Z"))]);
        var first = await app.GetJsonAsync("/v1/sq/posts?perPage=3");
        await app.SeedAsync(Seed.Post("sq", "lajm-i-ri", "2024-02-01T00:00:00Z"));
        var second = await app.GetJsonAsync(first.GetProperty("links").GetProperty("next").GetString()!);
        Assert.That(Slugs(first).Concat(Slugs(second)), Is.EqualTo(new[] { "lajm-6", "lajm-5", "lajm-4", "lajm-3", "lajm-2", "lajm-1" }));
    }

    [Test]
    public async Task DeepNumberedPagesAreTheSameOnEveryVisitAndAfterAChange()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync([.. Enumerable.Range(0, 620).Select(i => Seed.Post("sq", $"lajm-{i:000}", $"2024-01-01T{i / 60:00}:{i % 60:00}:00Z"))]);
        async Task<string[]> WalkAllAsync()
        {
            var all = new List<string>();
            string? next = "/v1/sq/posts?perPage=100";
            while (next is not null)
            {
                var list = await app.GetJsonAsync(next);
                all.AddRange(Slugs(list));
                next = list.GetProperty("links").GetProperty("next").GetString();
            }

            return [.. all];
        }

        var expected = await WalkAllAsync();
        var firstVisit = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=51&perPage=10"));
        var secondVisit = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=51&perPage=10"));
        var nextPage = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=52&perPage=10"));
        await app.SeedAsync(Seed.Post("sq", "lajm-i-ri", "2025-01-01T00:00:00Z"));
        var afterChange = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=51&perPage=10"));
        Assert.Multiple(() =>
        {
            Assert.That(firstVisit, Is.EqualTo(expected[500..510]));
            Assert.That(secondVisit, Is.EqualTo(expected[500..510]), "from the remembered start");
            Assert.That(nextPage, Is.EqualTo(expected[510..520]), "from the start the page before remembered");
            Assert.That(afterChange, Is.EqualTo(expected[499..509]), "a new post moves every page by one");
        });
    }

    [TestCase("cursor=abc", "cursor")]
    [TestCase("cursor=YwAAAAAAAAAF", "cursor")] // a change-feed token is not a cursor
    [TestCase("count=maybe", "count")]
    public async Task BadCursorsAndCountsAreA400NamingThem(string query, string field)
    {
        var problem = await _app.GetProblemAsync($"/v1/en/posts?{query}", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task ACursorWithAPageIsA400()
    {
        var first = await _app.GetJsonAsync("/v1/en/posts?perPage=3");
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        var problem = await _app.GetProblemAsync($"{next}&page=2", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), Does.Contain("either page or cursor"));
    }

    [Test]
    public async Task CountFalseSkipsTheTotalsButStillLinksOn()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?page=2&perPage=10&count=false");
        var unknownEdition = await _app.GetProblemAsync("/v1/xx/posts?count=false", HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("page").GetProperty("totalItems").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(list.GetProperty("page").GetProperty("totalPages").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(10));
            Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Is.EqualTo("/v1/en/posts?count=false&page=3&perPage=10"));
            Assert.That(list.GetProperty("links").GetProperty("prev").GetString(), Is.EqualTo("/v1/en/posts?count=false&page=1&perPage=10"));
            Assert.That(unknownEdition.GetProperty("detail").GetString(), Does.Contain("xx"));
        });
    }

    [Test]
    public async Task PageBeyondTheEndIsEmptyWithAPrevLinkToTheLastPage()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?page=9&perPage=10");
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(list.GetProperty("links").GetProperty("prev").GetString(), Is.EqualTo("/v1/en/posts?page=3&perPage=10"));
        });
    }

    [Test]
    public async Task DraftsScheduledAndFutureDatedPostsNeverAppearOrCount()
    {
        var all = await _app.GetJsonAsync("/v1/en/posts?perPage=100");
        var tagged = await _app.GetJsonAsync("/v1/en/posts?perPage=100&tag=all");
        var byAna = await _app.GetJsonAsync("/v1/en/posts?perPage=100&author=ana");
        var tag = await _app.GetJsonAsync("/v1/en/tags/all");
        var ana = await _app.GetJsonAsync("/v1/authors/ana");
        Assert.Multiple(() =>
        {
            foreach (var list in new[] { all, tagged, byAna })
            {
                Assert.That(Slugs(list), Has.None.StartsWith("hidden-"));
            }

            Assert.That(tagged.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(23));
            Assert.That(byAna.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(5));
            Assert.That(tag.GetProperty("postCount").GetInt32(), Is.EqualTo(23));
            Assert.That(ana.GetProperty("postCount").GetInt64(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task TagFilterKeepsOnlyTaggedPostsNewestFirst()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?tag=even&perPage=3");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(new[] { "post-22", "post-20", "post-18" }));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(11));
        });
    }

    [Test]
    public async Task TagAndAuthorFiltersCombine()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?tag=even&author=ana");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(new[] { "post-04", "post-02" }));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task SummaryCarriesTheContractFields()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?author=ana&perPage=1");
        var post = list.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("edition").GetString(), Is.EqualTo("en"));
            Assert.That(post.GetProperty("slug").GetString(), Is.EqualTo("post-05"));
            Assert.That(post.GetProperty("title").GetString(), Is.EqualTo("Title of post-05"));
            Assert.That(post.GetProperty("excerpt").GetString(), Is.EqualTo("Excerpt of post-05"));
            Assert.That(post.GetProperty("publishedAt").GetString(), Is.EqualTo("2024-01-05T10:00:00Z"));
            Assert.That(post.GetProperty("primaryTag").GetProperty("slug").GetString(), Is.EqualTo("all"));
            Assert.That(post.GetProperty("author").GetProperty("name").GetString(), Is.EqualTo("Ana Hoxha"));
            Assert.That(post.TryGetProperty("bodyHtml", out _), Is.False, "summaries leave the body out");
            Assert.That(post.GetProperty("featuredMedia").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("page=۲&perPage=۵", 2, 5)] // Persian digits
    [TestCase("page=٢&perPage=٥", 2, 5)] // Arabic-Indic digits
    [TestCase("page=&perPage=", 1, 10)] // empty, as an HTML form sends: the defaults
    public async Task PagingAcceptsEveryDigitSystemAndEmptyValues(string query, int number, int size)
    {
        var page = (await _app.GetJsonAsync($"/v1/en/posts?{query}")).GetProperty("page");
        Assert.That((page.GetProperty("number").GetInt32(), page.GetProperty("size").GetInt32()), Is.EqualTo((number, size)));
    }

    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("page=abc", "page")]
    [TestCase("page=1.5", "page")]
    [TestCase("perPage=0", "perPage")]
    [TestCase("perPage=1000", "perPage")]
    [TestCase("perPage=ten", "perPage")]
    public async Task BadPagingIsA400NamingTheParameter(string query, string parameter)
    {
        var problem = await _app.GetProblemAsync($"/v1/en/posts?{query}", HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name);
        Assert.That(errors, Is.EqualTo(new[] { parameter }));
    }

    [Test]
    public async Task EveryBadParameterIsNamedAtOnce()
    {
        var problem = await _app.GetProblemAsync("/v1/en/posts?page=abc&perPage=1000", HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "page", "perPage" }));
            Assert.That(errors.GetProperty("perPage")[0].GetString(), Does.Contain("1 to 100").And.Contain("1000"));
        });
    }

    [TestCase("/v1/en/posts?tag=a&tag=b", "tag")]
    [TestCase("/v1/en/posts?page=1&page=2", "page")]
    [TestCase("/v1/en/posts?tag=%00", "tag")]
    [TestCase("/v1/en/posts?author=a%00b", "author")]
    public async Task RepeatedParametersAndNulCharactersAreA400(string url, string parameter)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { parameter }));
        // The connection stays healthy for the next request (a NUL once reached PostgreSQL and broke it).
        await _app.GetJsonAsync("/v1/en/posts?tag=all");
    }

    [TestCase("/v1/xx/posts", "Edition not found", "xx")]
    [TestCase("/v1/en/posts?tag=nope", "Tag not found", "nope")]
    [TestCase("/v1/en/posts?author=nobody", "Author not found", "nobody")]
    [TestCase("/v1/en/posts?tag=nope&count=false", "Tag not found", "nope")]
    [TestCase("/v1/en/posts?tag=nope&author=ana", "Tag not found", "nope")]
    [TestCase("/v1/en/posts?tag=all&author=nobody", "Author not found", "nobody")]
    [TestCase("/v1/en/posts?tag=nope&author=nobody", "Tag not found", "nope")]
    [TestCase("/v1/en/posts?author=nobody&q=post", "Author not found", "nobody")]
    public async Task UnknownEditionTagOrAuthorIsA404NamingIt(string url, string title, string named)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(title));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain($"'{named}'"));
        });
    }

    [Test]
    public async Task EditionsAreSeparate()
    {
        var fa = await _app.GetJsonAsync("/v1/fa/posts");
        Assert.That(Slugs(fa), Is.EqualTo(new[] { "another-edition" }));
    }
}
