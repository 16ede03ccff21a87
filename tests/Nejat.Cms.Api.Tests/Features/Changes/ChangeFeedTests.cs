using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Changes;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Changes;

public sealed class ChangeFeedTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("leila", "لیلا"),
            Seed.Tag("fa", "ایران", "ایران"),
            Seed.Tag("fa", "افغانستان", "افغانستان"),
            Seed.Post("fa", "یک", "2024-01-01T00:00:00Z", tags: ["ایران"], author: "leila"),
            Seed.Post("fa", "دو", "2024-01-02T00:00:00Z", tags: ["افغانستان"]),
            Seed.Post("fa", "سه", "2024-01-03T00:00:00Z", tags: ["ایران", "افغانستان"]),
            Seed.Post("fa", "پیش‌نویس", null, status: "draft"),
            Seed.Post("en", "english", "2024-01-03T00:00:00Z"));
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>A client's offline copy of an edition, kept only from the change feed.</summary>
    private sealed class Mirror(CmsApp app, string edition)
    {
        public Dictionary<(string Kind, long Id), JsonElement> Things { get; } = [];

        public string? Token { get; private set; }

        public async Task<List<string>> SyncAsync()
        {
            var actions = new List<string>();
            while (true)
            {
                var page = await app.GetJsonAsync($"/v1/{edition}/changes?limit=2{(Token is null ? "" : $"&since={Token}")}");
                foreach (var change in page.GetProperty("items").EnumerateArray())
                {
                    var key = (change.GetProperty("kind").GetString()!, change.GetProperty("id").GetInt64());
                    var action = change.GetProperty("action").GetString()!;
                    actions.Add($"{action} {key.Item1}");
                    if (action is "created" or "updated")
                    {
                        Things[key] = await app.GetJsonAsync(change.GetProperty("href").GetString()!);
                    }
                    else
                    {
                        Things.Remove(key);
                    }
                }

                Token = page.GetProperty("next").GetString();
                if (!page.GetProperty("hasMore").GetBoolean())
                {
                    return actions;
                }
            }
        }
    }

    private async Task AssertMirrorsTheEditionAsync(Mirror mirror, string edition)
    {
        var posts = await _app.GetJsonAsync($"/v1/{edition}/posts?perPage=100&page=1");
        var tags = await _app.GetJsonAsync($"/v1/{edition}/tags?perPage=100");
        var expectedPosts = posts.GetProperty("items").EnumerateArray()
            .Select(p => $"{p.GetProperty("id").GetInt64()} {p.GetProperty("slug").GetString()} {p.GetProperty("title").GetString()}")
            .Order(StringComparer.Ordinal);
        var mirroredPosts = mirror.Things.Where(t => t.Key.Kind == "post")
            .Select(t => $"{t.Key.Id} {t.Value.GetProperty("slug").GetString()} {t.Value.GetProperty("title").GetString()}")
            .Order(StringComparer.Ordinal);
        var expectedTags = tags.GetProperty("items").EnumerateArray()
            .Select(t => $"{t.GetProperty("slug").GetString()} {t.GetProperty("name").GetString()} {t.GetProperty("postCount").GetInt32()}")
            .Order(StringComparer.Ordinal);
        var mirroredTags = mirror.Things.Where(t => t.Key.Kind == "tag")
            .Select(t => $"{t.Value.GetProperty("slug").GetString()} {t.Value.GetProperty("name").GetString()} {t.Value.GetProperty("postCount").GetInt32()}")
            .Order(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(mirroredPosts, Is.EqualTo(expectedPosts), "posts");
            Assert.That(mirroredTags, Is.EqualTo(expectedTags), "tags");
        });
    }

    [Test]
    public async Task ReplayingTheFeedIntoAnEmptyCopyMirrorsTheEditionIncludingDeletions()
    {
        var mirror = new Mirror(_app, "fa");
        var first = await mirror.SyncAsync();
        Assert.That(first, Has.Exactly(3).EqualTo("created post"), "the three published posts; never the draft");
        await AssertMirrorsTheEditionAsync(mirror, "fa");

        // Create and publish, rename another, unpublish a third, trash and purge a fourth, rename a tag.
        var created = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "تازه", tags = new[] { "ایران" } });
        var newId = created.Body.GetProperty("id").GetInt64();
        Assert.That((await _admin.PostJsonAsync($"/v1/admin/posts/{newId}/publish", new { }, created.ETag)).Status, Is.EqualTo(HttpStatusCode.OK));

        var admin = await _admin.GetFromJsonAsync("/v1/admin/posts?edition=fa&status=published&perPage=100");
        long IdOf(string slug) => admin.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == slug).GetProperty("id").GetInt64();
        var one = await AdminPostAsync(_admin, IdOf("یک"));
        Assert.That((await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf("یک")}", new { slug = "یکم", title = "یکم" }, one.ETag, "application/merge-patch+json")).Status, Is.EqualTo(HttpStatusCode.OK));
        var two = await AdminPostAsync(_admin, IdOf("دو"));
        Assert.That((await _admin.PostJsonAsync($"/v1/admin/posts/{IdOf("دو")}/unpublish", new { }, two.ETag)).Status, Is.EqualTo(HttpStatusCode.OK));
        var three = await AdminPostAsync(_admin, IdOf("سه"));
        var trashed = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{IdOf("سه")}", ifMatch: three.ETag);
        Assert.That((await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{IdOf("سه")}?purge=true", ifMatch: trashed.ETag)).Status, Is.EqualTo(HttpStatusCode.NoContent));

        var second = await mirror.SyncAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second, Has.Exactly(1).EqualTo("created post"));
            Assert.That(second, Has.Exactly(1).EqualTo("updated post"));
            Assert.That(second, Has.Exactly(1).EqualTo("unpublished post"));
            Assert.That(second, Has.Exactly(1).EqualTo("deleted post"));
            Assert.That(second, Has.Some.EqualTo("updated tag"), "tag counts moved");
        });
        await AssertMirrorsTheEditionAsync(mirror, "fa");

        var nothing = await mirror.SyncAsync();
        Assert.That(nothing, Is.Empty, "the token stays put when nothing changed");
    }

    [Test]
    public async Task PagesSettingsAndNavigationAreListedWithTheirOwnKinds()
    {
        await using var app = await CmsApp.StartAsync();
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var start = (await app.GetJsonAsync("/v1/ar/changes")).GetProperty("next").GetString();
        var page = await admin.PostJsonAsync("/v1/admin/pages", new { edition = "ar", title = "من نحن", bodyHtml = "<p>نحن</p>" });
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.Created), page.Body.ToString());
        var published = await admin.PostJsonAsync($"/v1/admin/pages/{page.Body.GetProperty("id").GetInt64()}/publish", new { }, page.ETag);
        Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
        var settings = await admin.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", new { title = "نجات" }, "\"0\"");
        Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.OK), settings.Body.ToString());

        var changes = (await app.GetJsonAsync($"/v1/ar/changes?since={start}")).GetProperty("items").EnumerateArray()
            .Select(c => $"{c.GetProperty("action").GetString()} {c.GetProperty("kind").GetString()} {c.GetProperty("href").GetString()}")
            .ToArray();
        Assert.That(changes, Is.EqualTo(new[]
        {
            $"created page /v1/ar/pages/{Uri.EscapeDataString("من-نحن")}",
            "created settings /v1/ar/settings",
        }));
        Assert.That(await app.GetJsonAsync(changes[0].Split(' ')[2]), Is.Not.EqualTo(default(System.Text.Json.JsonElement)));
    }

    [Test]
    public async Task TagsAuthorsAndGalleriesAreListedWithTheirCurrentSlugs()
    {
        await using var app = await CmsApp.StartAsync();
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var start = (await app.GetJsonAsync("/v1/sq/changes")).GetProperty("next").GetString();
        var made = new List<long>();
        foreach (var (path, body) in new (string, object)[]
        {
            ("/v1/admin/tags", new { edition = "sq", name = "Lajme" }),
            ("/v1/admin/authors", new { name = "Arben Gashi" }),
            ("/v1/admin/galleries", new { titles = new { sq = "Fotografi" }, mediaIds = Array.Empty<long>() }),
        })
        {
            var created = await admin.PostJsonAsync(path, body);
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
            made.Add(created.Body.GetProperty("id").GetInt64());
        }

        var changes = (await app.GetJsonAsync($"/v1/sq/changes?since={start}")).GetProperty("items").EnumerateArray()
            .Select(c => $"{c.GetProperty("action").GetString()} {c.GetProperty("kind").GetString()} {c.GetProperty("id").GetInt64()} {c.GetProperty("slug").GetString()} {c.GetProperty("href").GetString()}")
            .ToArray();
        Assert.That(changes, Is.EqualTo(new[]
        {
            $"created tag {made[0]} lajme /v1/sq/tags/lajme",
            $"created author {made[1]} arben-gashi /v1/authors/arben-gashi",
            $"created gallery {made[2]} fotografi /v1/sq/galleries/fotografi",
        }));
        foreach (var change in changes)
        {
            await app.GetJsonAsync(change.Split(' ')[4]); // each href answers 200
        }
    }

    [Test]
    public async Task OtherEditionsChangesAreNotListed()
    {
        var english = await _app.GetJsonAsync("/v1/en/changes");
        Assert.That(english.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "post").Select(c => c.GetProperty("slug").GetString()),
            Is.EqualTo(new[] { "english" }));
    }

    [Test]
    public async Task ATokenFromBeforeThePurgedTombstonesIsA410ThatSaysHowToResync()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Seed.Post("sq", "lajm", "2024-01-01T00:00:00Z"), Seed.Post("sq", "tjetër", "2024-01-02T00:00:00Z"));
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var start = (await app.GetJsonAsync("/v1/sq/changes")).GetProperty("next").GetString();

        var list = await admin.GetFromJsonAsync("/v1/admin/posts?edition=sq&perPage=10");
        var id = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == "lajm").GetProperty("id").GetInt64();
        var post = await AdminPostAsync(admin, id);
        Assert.That((await admin.PostJsonAsync($"/v1/admin/posts/{id}/unpublish", new { }, post.ETag)).Status, Is.EqualTo(HttpStatusCode.OK));
        var afterUnpublish = (await app.GetJsonAsync($"/v1/sq/changes?since={start}")).GetProperty("next").GetString();
        var versionBefore = app.Services.GetRequiredService<ContentVersions>().Of("sq");

        await ChangeFeedRetention.PurgeAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), TimeSpan.Zero, CancellationToken.None);
        await app.Services.GetRequiredService<ContentVersions>().RefreshAsync(CancellationToken.None);

        var gone = await app.GetProblemAsync($"/v1/sq/changes?since={start}", HttpStatusCode.Gone);
        var stillFine = await app.GetJsonAsync($"/v1/sq/changes?since={afterUnpublish}");
        var fromScratch = await app.GetJsonAsync("/v1/sq/changes");
        Assert.Multiple(() =>
        {
            Assert.That(gone.GetProperty("detail").GetString(), Does.Contain("/v1/sq/changes without since"));
            Assert.That(stillFine.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(fromScratch.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "post").Select(c => c.GetProperty("slug").GetString()),
                Is.EqualTo(new[] { "tjetër" }), "the purged tombstone is gone, the live post stays");
            Assert.That(app.Services.GetRequiredService<ContentVersions>().Of("sq")?.Number, Is.GreaterThan(versionBefore!.Value.Number), "a purge changes the feed's answers, so it moves the version on");
        });
    }

    private static Task<EditorialClient.Reply> AdminPostAsync(HttpClient admin, long id) =>
        admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}");

    [TestCase("since=abc", "since")]
    [TestCase("since=Y2Nj", "since")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    public async Task BadTokensAndLimitsAreA400NamingThem(string query, string field)
    {
        var problem = await _app.GetProblemAsync($"/v1/fa/changes?{query}", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task AnUnknownEditionIsA404() =>
        await _app.GetProblemAsync("/v1/xx/changes", HttpStatusCode.NotFound);
}
