using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class RelatedPostsTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Tag("en", "a", "A"),
            Seed.Tag("en", "b", "B"),
            Seed.Tag("en", "c", "C"),
            Seed.Tag("en", "d", "D"),
            Seed.Tag("fa", "a", "آ"),
            Seed.Post("en", "subject", "2024-06-01T00:00:00Z", tags: ["a", "b", "c"]),
            Seed.Post("en", "shares-three", "2024-01-01T00:00:00Z", tags: ["c", "b", "a"]),
            Seed.Post("en", "shares-two-newer", "2024-05-01T00:00:00Z", tags: ["a", "b", "d"]),
            Seed.Post("en", "shares-two-older", "2024-02-01T00:00:00Z", tags: ["b", "c"]),
            Seed.Post("en", "shares-one-newest", "2024-07-01T00:00:00Z", tags: ["c"]),
            Seed.Post("en", "shares-one-older", "2024-03-01T00:00:00Z", tags: ["a"]),
            Seed.Post("en", "shares-none-newest", "2024-08-01T00:00:00Z", tags: ["d"]),
            Seed.Post("en", "shares-none-oldest", "2023-01-01T00:00:00Z"),
            Seed.Post("en", "draft", "2024-04-01T00:00:00Z", status: "draft", tags: ["a", "b", "c"]),
            Seed.Post("en", "scheduled", "2099-01-01T00:00:00Z", status: "scheduled", tags: ["a", "b", "c"]),
            Seed.Post("fa", "another-edition", "2025-01-01T00:00:00Z", tags: ["a"]));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string[] Slugs(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

    [Test]
    public async Task MostSharedTagsFirstThenNewestByDefaultFive()
    {
        var related = await _app.GetJsonAsync("/v1/en/posts/subject/related");
        Assert.That(Slugs(related), Is.EqualTo(new[] { "shares-three", "shares-two-newer", "shares-two-older", "shares-one-newest", "shares-one-older" }));
    }

    [Test]
    public async Task TheEditionsNewestPostsFillWhatSharedTagsLeaveEmpty()
    {
        var seven = await _app.GetJsonAsync("/v1/en/posts/subject/related?limit=7");
        var twenty = await _app.GetJsonAsync("/v1/en/posts/subject/related?limit=20");
        var alone = await _app.GetJsonAsync("/v1/en/posts/shares-none-oldest/related?limit=3");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(seven)[5..], Is.EqualTo(new[] { "shares-none-newest", "shares-none-oldest" }));
            Assert.That(Slugs(twenty), Is.EqualTo(Slugs(seven)), "never the post itself, drafts, scheduled posts or other editions");
            Assert.That(Slugs(alone), Is.EqualTo(new[] { "shares-none-newest", "shares-one-newest", "subject" }), "no tags: the newest posts");
        });
    }

    [Test]
    public async Task ItemsArePostSummaries()
    {
        var item = (await _app.GetJsonAsync("/v1/en/posts/subject/related?limit=1")).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("primaryTag").GetProperty("slug").GetString(), Is.EqualTo("c"));
            Assert.That(item.GetProperty("displayDate").GetProperty("text").GetString(), Is.EqualTo("1 January 2024"));
            Assert.That(item.GetProperty("language").GetString(), Is.EqualTo("en"));
            Assert.That(item.GetProperty("featuredMedia").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(item.TryGetProperty("bodyHtml", out _), Is.False);
        });
    }

    [Test]
    public async Task TheAnswerIsVersionedAndNamesThePostAndItsRelatedPosts()
    {
        var subject = await _app.GetJsonAsync("/v1/en/posts/subject");
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/v1/en/posts/subject/related?limit=1");
        var keys = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Does.StartWith("\"en."));
            Assert.That(keys, Does.Contain("edition:en").And.Contain($"post:{subject.GetProperty("id").GetInt64()}").And.Contain("tag:en/a"));
        });
    }

    [TestCase("limit=0")]
    [TestCase("limit=21")]
    [TestCase("limit=five")]
    [TestCase("limit=-1")]
    public async Task ABadLimitIsA400NamingIt(string query)
    {
        var problem = await _app.GetProblemAsync($"/v1/en/posts/subject/related?{query}", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("limit")[0].GetString(), Does.Contain("from 1 to 20"));
    }

    [TestCase("/v1/en/posts/nope/related", "Post not found")]
    [TestCase("/v1/en/posts/draft/related", "Post not found")]
    [TestCase("/v1/xx/posts/subject/related", "Edition not found")]
    public async Task AnUnknownOrUnpublishedPostOrEditionIsA404(string url, string title)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(title));
    }

    [Test]
    public async Task ARenamedPostsOldSlugRedirectsKeepingTheQuery()
    {
        using var admin = await _app.CreateKeyClientAsync(Roles.Admin);
        // In an edition of its own, so the other tests' lists stay as they are.
        var created = await admin.PostJsonAsync("/v1/admin/posts", new { edition = "sq", title = "Old name", status = "published" });
        var renamed = await admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{created.Body.GetProperty("id").GetInt64()}",
            new { slug = "new-name" }, created.ETag, "application/merge-patch+json");
        using var kestrel = _app.CreateClient();
        using var noRedirects = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(noRedirects) { BaseAddress = kestrel.BaseAddress };
        using var old = await client.GetAsync("/v1/sq/posts/old-name/related?limit=2");
        Assert.Multiple(() =>
        {
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Body.ToString());
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo("/v1/sq/posts/new-name/related?limit=2"));
        });
    }

    [Test]
    public async Task SharedTagsAreCountedInFullEvenBeyondABusyTagsNewestPosts()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync([
            Seed.Tag("en", "busy", "Busy"),
            Seed.Tag("en", "rare", "Rare"),
            Seed.Post("en", "subject", "2024-06-01T00:00:00Z", tags: ["busy", "rare"]),
            // Older than the busy tag's newest 100 posts, but found through the rare tag: it shares both.
            Seed.Post("en", "old-but-close", "2020-01-01T00:00:00Z", tags: ["busy", "rare"]),
            .. Enumerable.Range(0, 150).Select(i => Seed.Post("en", $"busy-{i:000}", $"2024-01-01T{i / 60:00}:{i % 60:00}:00Z", tags: ["busy"])),
        ]);
        var related = await app.GetJsonAsync("/v1/en/posts/subject/related?limit=3");
        Assert.That(Slugs(related), Is.EqualTo(new[] { "old-but-close", "busy-149", "busy-148" }));
    }
}
