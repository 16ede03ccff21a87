using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class PublicCachingTests
{
    private static readonly string[] Editions = ["en", "ar", "fa", "sq"];

    private CmsApp _app = null!;
    private HttpClient _admin = null!;
    private HttpClient _reader = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("maryam", "مریم"),
            Seed.Tag("fa", "پناهندگان", "پناهندگان"),
            Seed.Tag("en", "refugees", "Refugees"),
            Seed.Post("en", "english-story", "2024-01-01T00:00:00Z", tags: ["refugees"], author: "maryam", translationKey: "story-1"),
            Seed.Post("fa", "داستان-فارسی", "2024-01-02T00:00:00Z", tags: ["پناهندگان"], author: "maryam"),
            Seed.Post("ar", "قصة", "2024-01-03T00:00:00Z"),
            Seed.Post("sq", "histori", "2024-01-04T00:00:00Z"));
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
        _reader = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        _reader.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await _reader.SendAsync(request);
    }

    private async Task<long> CreateAndPublishAsync(string edition, string title, string? translationOf = null)
    {
        var created = await _admin.PostJsonAsync("/v1/admin/posts", new { edition, title, bodyHtml = "<p>x</p>", tags = Array.Empty<string>() });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        var id = created.Body.GetProperty("id").GetInt64();
        var etag = created.ETag;
        if (translationOf is not null)
        {
            var linked = await _admin.PostJsonAsync($"/v1/admin/posts/{id}/translations", new { postId = long.Parse(translationOf, System.Globalization.CultureInfo.InvariantCulture) }, etag);
            Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.Body.ToString());
            etag = linked.ETag;
        }

        var published = await _admin.PostJsonAsync($"/v1/admin/posts/{id}/publish", new { }, etag);
        Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
        return id;
    }

    private static async Task<string[]> TitlesAsync(HttpResponseMessage response)
    {
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToArray();
    }

    [Test]
    public async Task APublicAnswerCarriesItsVersionCacheHeadersAndSurrogateKeys()
    {
        using var response = await GetAsync($"/v1/fa/posts/{Uri.EscapeDataString("داستان-فارسی")}");
        var id = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("id").GetInt64();
        var surrogateKeys = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.IsWeak, Is.True);
            Assert.That(response.Headers.ETag?.Tag, Does.StartWith("\"fa."));
            Assert.That(response.Content.Headers.LastModified, Is.Not.Null);
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=10, s-maxage=300, stale-while-revalidate=60"));
            Assert.That(response.Headers.Vary, Does.Contain("Accept-Encoding"));
            Assert.That(surrogateKeys, Is.SupersetOf(new[]
            {
                "edition:fa", $"post:{id}", $"tag:fa/{Uri.EscapeDataString("پناهندگان")}", "author:maryam",
            }));
        });
    }

    [Test]
    public async Task IfNoneMatchWithTheCurrentVersionIsA304WithoutABody([Values] bool warm)
    {
        var url = warm ? "/v1/sq/posts?perPage=5" : $"/v1/sq/posts?perPage={Random.Shared.Next(6, 50)}";
        using var first = await GetAsync(url);
        if (warm)
        {
            using var cached = await GetAsync(url);
        }

        using var again = await GetAsync(url, first.Headers.ETag!.ToString());
        using var byDate = await GetAsync("/v1/sq/tags", null);
        using var sinceLastModified = new HttpRequestMessage(HttpMethod.Get, "/v1/sq/tags");
        sinceLastModified.Headers.IfModifiedSince = byDate.Content.Headers.LastModified;
        using var notModifiedSince = await _reader.SendAsync(sinceLastModified);
        using var otherTag = await GetAsync(url, "W/\"sq.0\"");
        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(await again.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(notModifiedSince.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(otherTag.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("/v1/fa/feed.xml")]
    [TestCase("/v1/fa/feed.json")]
    [TestCase("/v1/fa/sitemap.xml")]
    [TestCase("/v1/fa/sitemaps/1.xml")]
    [TestCase("/v1/fa/navigation")]
    [TestCase("/v1/fa/settings")]
    public async Task FeedsSitemapsAndSiteDocumentsAreVersionedToo(string url)
    {
        using var first = await GetAsync(url);
        using var again = await GetAsync(url, first.Headers.ETag?.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(first.Headers.ETag?.Tag, Does.StartWith("\"fa."));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }

    [Test]
    public async Task ProblemsCarryNoVersion()
    {
        using var missing = await GetAsync("/v1/fa/posts/no-such-post");
        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Headers.ETag, Is.Null);
        });
    }

    [Test]
    public async Task AdminAnswersAreNeverStored()
    {
        using var response = await _admin.GetAsync("/v1/admin/posts?edition=fa");
        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("no-store, private"));
    }

    [Test]
    public async Task AWriteIsVisibleOnTheVeryNextReadInEveryEdition()
    {
        foreach (var edition in Editions)
        {
            var list = $"/v1/{edition}/posts?perPage=3";
            using (await GetAsync(list))
            using (var cached = await GetAsync(list))
            {
                Assert.That(cached.Headers.Age, Is.Not.Null, $"{edition}: the second read is served from the output cache");
            }

            var id = await CreateAndPublishAsync(edition, $"Fresh news in {edition}");
            using var afterPublish = await GetAsync(list);
            Assert.That(await TitlesAsync(afterPublish), Does.Contain($"Fresh news in {edition}"), $"{edition}: published post listed at once");

            var post = await _admin.GetFromJsonAsync($"/v1/admin/posts/{id}");
            var renamed = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { title = $"Corrected news in {edition}" },
                $"\"{post.GetProperty("version").GetInt32()}\"", "application/merge-patch+json");
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Body.ToString());
            using var afterEdit = await GetAsync(list);
            Assert.That(await TitlesAsync(afterEdit), Does.Contain($"Corrected news in {edition}").And.Not.Contain($"Fresh news in {edition}"));

            var unpublished = await _admin.PostJsonAsync($"/v1/admin/posts/{id}/unpublish", new { }, renamed.ETag);
            Assert.That(unpublished.Status, Is.EqualTo(HttpStatusCode.OK), unpublished.Body.ToString());
            using var afterUnpublish = await GetAsync(list);
            Assert.That(await TitlesAsync(afterUnpublish), Does.Not.Contain($"Corrected news in {edition}"));
        }
    }

    [Test]
    public async Task APublishInOneEditionLeavesUnrelatedEditionsCached()
    {
        using (await GetAsync("/v1/sq/posts?perPage=2"))
        using (await GetAsync("/v1/ar/posts?perPage=2"))
        {
        }

        using var sqBefore = await GetAsync("/v1/sq/posts?perPage=2");
        await CreateAndPublishAsync("ar", "خبر عاجل");
        using var sqAfter = await GetAsync("/v1/sq/posts?perPage=2");
        using var arAfter = await GetAsync("/v1/ar/posts?perPage=2");
        Assert.Multiple(async () =>
        {
            Assert.That(sqAfter.Headers.Age, Is.Not.Null, "sq is still served from the cache");
            Assert.That(sqAfter.Headers.ETag, Is.EqualTo(sqBefore.Headers.ETag));
            Assert.That(arAfter.Headers.Age, Is.Null, "ar was rebuilt");
            Assert.That(await TitlesAsync(arAfter), Does.Contain("خبر عاجل"));
        });
    }

    [Test]
    public async Task ATranslationIsVisibleAtOnceFromThePostItTranslates()
    {
        var englishUrl = "/v1/en/posts/english-story";
        var english = await _app.GetJsonAsync(englishUrl);
        using (await GetAsync(englishUrl))
        {
        }

        await CreateAndPublishAsync("sq", "Historia e përkthyer", translationOf: english.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = await _app.GetJsonAsync(englishUrl);
        Assert.That(after.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("edition").GetString()), Does.Contain("sq"));
    }

    [Test]
    public async Task MediaChangesAreVisibleAtOnceAndListedInEveryEdition()
    {
        using (await GetAsync("/v1/media?collection=videos"))
        using (await GetAsync("/v1/media?collection=videos"))
        {
        }

        var video = await _admin.PostJsonAsync("/v1/admin/media/videos", new
        {
            url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            collection = "videos",
            translations = new Dictionary<string, object> { ["fa"] = new { title = "ویدیو" } },
        });
        Assert.That(video.Status, Is.EqualTo(HttpStatusCode.Created), video.Body.ToString());
        var id = video.Body.GetProperty("id").GetInt64();
        using var list = await GetAsync("/v1/media?collection=videos&edition=fa");
        var items = JsonSerializer.Deserialize<JsonElement>(await list.Content.ReadAsStringAsync()).GetProperty("items");
        var changes = await _app.GetJsonAsync("/v1/sq/changes");
        Assert.Multiple(() =>
        {
            Assert.That(items.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()), Does.Contain(id));
            Assert.That(list.Headers.ETag?.Tag, Does.StartWith("\"all."));
            Assert.That(changes.GetProperty("items").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("id").GetInt64()}"),
                Does.Contain($"media {id}"), "media belongs to every edition");
        });
    }

    [Test]
    public async Task JsonIsCompressedWithBrotliOrGzip()
    {
        using var brotli = await GetAsync("/v1/en/posts", acceptEncoding: "br, gzip");
        using var gzip = await GetAsync("/v1/en/posts", acceptEncoding: "gzip");
        using var plain = await GetAsync("/v1/en/posts");
        Assert.Multiple(() =>
        {
            Assert.That(brotli.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
            Assert.That(gzip.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
            Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty, "a cached compressed answer is not served to a client that did not ask for it");
        });
    }

    [Test]
    public async Task BrowsersMayReadThePublicApiFromAnyOriginButNotTheAdminApi()
    {
        using var publicPreflight = new HttpRequestMessage(HttpMethod.Options, "/v1/fa/posts");
        publicPreflight.Headers.Add("Origin", "https://front.example");
        publicPreflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var publicAnswer = await _reader.SendAsync(publicPreflight);

        using var adminPreflight = new HttpRequestMessage(HttpMethod.Options, "/v1/admin/posts");
        adminPreflight.Headers.Add("Origin", "https://front.example");
        adminPreflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var adminAnswer = await _reader.SendAsync(adminPreflight);

        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/fa/posts");
        get.Headers.Add("Origin", "https://front.example");
        using var getAnswer = await _reader.SendAsync(get);
        Assert.Multiple(() =>
        {
            Assert.That(publicAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(publicAnswer.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
            Assert.That(publicAnswer.Headers.GetValues("Access-Control-Max-Age"), Is.EqualTo(new[] { "3600" }));
            Assert.That(adminAnswer.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(getAnswer.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        });
    }
}
