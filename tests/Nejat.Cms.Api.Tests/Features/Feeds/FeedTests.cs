using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Feeds;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Feeds;

public sealed class FeedTests
{
    private const string Site = "https://nejat.example";
    private const string W3cDate = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$";
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private CmsApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync(new() { ["Cms:PublicSiteUrl"] = Site + "/" });
        // 60 Farsi posts (the newest are the highest numbers), 2 with a tag; one draft; English and Arabic translations.
        await _app.SeedAsync([
            Seed.Author("maryam", "مریم"),
            Seed.Tag("fa", "هرات", "هرات"),
            .. Enumerable.Range(1, 60).Select(i => Seed.Post("fa", $"خبر-{i}", $"2024-02-{1 + i / 24:00}T{i % 24:00}:00:00Z",
                tags: i % 30 == 0 ? ["هرات"] : null, author: "maryam", title: $"خبر {i}", bodyHtml: $"<p>متن {i}</p>",
                translationKey: i == 60 ? "story-60" : null)),
            Seed.Post("fa", "پیش‌نویس", "2025-01-01T00:00:00Z", status: "draft"),
            Seed.Post("en", "news-60", "2024-03-01T00:00:00Z", translationKey: "story-60"),
            Seed.Post("ar", "الخبر-60", "2024-03-01T00:00:00Z", translationKey: "story-60"),
        ]);
        // The page gets an id in the third sitemap file's range: the second has no URLs.
        await using (var conn = new NpgsqlConnection(_app.ConnectionString))
        {
            await conn.ExecuteAsync($"ALTER TABLE posts ALTER COLUMN id RESTART WITH {2 * FeedQueries.SitemapFileIds + 1}");
        }

        using var admin = await _app.CreateKeyClientAsync(Roles.Admin);
        var page = await admin.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "درباره ما", status = "published" });
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.Created));
        var settings = await admin.SendAsync(HttpMethod.Put, "/v1/admin/settings/fa", new { title = "نجات", description = "خبر و نظر" }, "\"0\"");
        Assert.That(settings.Status, Is.EqualTo(HttpStatusCode.OK), settings.Body.ToString());
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static string PostUrl(string edition, string slug) => $"{Site}/{edition}/posts/{Uri.EscapeDataString(slug)}";

    private async Task<(string Body, string? ContentType)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {body}");
        return (body, response.Content.Headers.ContentType?.MediaType);
    }

    [Test]
    public async Task TheRssFeedHasTheNewest50PostsWithFullRightToLeftContent()
    {
        var (xml, contentType) = await GetAsync("/v1/fa/feed.xml");
        var feed = FeedReader.ReadFromString(xml);
        var rss = (CodeHollow.FeedReader.Feeds.Rss20Feed)feed.SpecificFeed;
        var first = (CodeHollow.FeedReader.Feeds.Rss20FeedItem)feed.Items[0].SpecificItem;
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/rss+xml"));
            Assert.That(feed.Type, Is.EqualTo(FeedType.Rss_2_0));
            Assert.That(feed.Title, Is.EqualTo("نجات"));
            Assert.That(feed.Language, Is.EqualTo("fa-IR"));
            Assert.That(feed.Link, Is.EqualTo($"{Site}/fa"));
            Assert.That(rss.Description, Is.EqualTo("خبر و نظر"));
            Assert.That(feed.Items, Has.Count.EqualTo(50));
            Assert.That(feed.Items.Select(i => i.Title), Is.EqualTo(Enumerable.Range(11, 50).Reverse().Select(i => $"خبر {i}")), "newest first, no draft, no page");
            Assert.That(feed.Items[0].Link, Is.EqualTo(PostUrl("fa", "خبر-60")));
            Assert.That(Uri.IsWellFormedUriString(feed.Items[0].Link, UriKind.Absolute), Is.True);
            Assert.That(feed.Items[0].Content, Is.EqualTo("<div dir=\"rtl\" lang=\"fa-IR\"><p>متن 60</p></div>"));
            Assert.That(feed.Items[0].PublishingDateString, Is.EqualTo("Sat, 03 Feb 2024 12:00:00 GMT"));
            Assert.That(first.DC.Creator, Is.EqualTo("مریم"));
            Assert.That(first.Categories, Is.EqualTo(new[] { "هرات" }));
        });
    }

    [Test]
    public async Task TheJsonFeedIsJsonFeedOnePointOne()
    {
        var (json, contentType) = await GetAsync("/v1/fa/feed.json");
        var document = JsonSerializer.Deserialize<JsonElement>(json);
        var first = document.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/feed+json"));
            Assert.That(document.GetProperty("version").GetString(), Is.EqualTo("https://jsonfeed.org/version/1.1"));
            Assert.That(document.GetProperty("language").GetString(), Is.EqualTo("fa-IR"));
            Assert.That(document.GetProperty("home_page_url").GetString(), Is.EqualTo($"{Site}/fa"));
            Assert.That(document.GetProperty("feed_url").GetString(), Does.EndWith("/v1/fa/feed.json"));
            Assert.That(document.GetProperty("items").GetArrayLength(), Is.EqualTo(50));
            Assert.That(first.GetProperty("url").GetString(), Is.EqualTo(PostUrl("fa", "خبر-60")));
            Assert.That(first.GetProperty("content_html").GetString(), Is.EqualTo("<div dir=\"rtl\" lang=\"fa-IR\"><p>متن 60</p></div>"));
            Assert.That(first.GetProperty("date_published").GetDateTime(), Is.EqualTo(new DateTime(2024, 2, 3, 12, 0, 0, DateTimeKind.Utc)));
            Assert.That(first.GetProperty("authors")[0].GetProperty("name").GetString(), Is.EqualTo("مریم"));
            Assert.That(first.GetProperty("tags")[0].GetString(), Is.EqualTo("هرات"));
        });
    }

    [Test]
    public async Task ATagsFeedsHaveOnlyItsPostsAndLeftToRightEditionsAreNotWrapped()
    {
        var (xml, _) = await GetAsync($"/v1/fa/tags/{Uri.EscapeDataString("هرات")}/feed.xml");
        var (json, _) = await GetAsync($"/v1/fa/tags/{Uri.EscapeDataString("هرات")}/feed.json");
        var (english, _) = await GetAsync("/v1/en/feed.xml");
        var tagFeed = FeedReader.ReadFromString(xml);
        var englishFeed = FeedReader.ReadFromString(english);
        Assert.Multiple(() =>
        {
            Assert.That(tagFeed.Items.Select(i => i.Title), Is.EqualTo(new[] { "خبر 60", "خبر 30" }));
            Assert.That(tagFeed.Title, Is.EqualTo("نجات: هرات"));
            Assert.That(JsonSerializer.Deserialize<JsonElement>(json).GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(englishFeed.Language, Is.EqualTo("en"));
            Assert.That(englishFeed.Title, Is.EqualTo("English"), "no site title set: the edition's name");
            Assert.That(englishFeed.Items.Single().Content, Is.EqualTo("<p>Body</p>"));
        });
    }

    [Test]
    public async Task MissingEditionsAndTagsAreProblems()
    {
        await _app.GetProblemAsync("/v1/xx/feed.xml", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/fa/tags/nothing/feed.json", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/xx/sitemap.xml", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/xx/sitemaps/1.xml", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task TheSitemapIndexListsTheFilesThatHaveUrls()
    {
        var (xml, contentType) = await GetAsync("/v1/fa/sitemap.xml");
        var index = XDocument.Parse(xml).Root!;
        var files = index.Elements(Sm + "sitemap").ToArray();
        var locs = files.Select(f => new Uri(f.Element(Sm + "loc")!.Value)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/xml"));
            Assert.That(index.Name, Is.EqualTo(Sm + "sitemapindex"));
            Assert.That(locs.Select(l => l.AbsolutePath), Is.EqualTo(new[] { "/v1/fa/sitemaps/1.xml", "/v1/fa/sitemaps/3.xml" }),
                "the posts' ids are in the first range, the page's in the third");
            Assert.That(locs.Select(l => l.Authority), Has.All.EqualTo(_client.BaseAddress!.Authority), "absolute URLs of this service");
            Assert.That(files.Select(f => f.Element(Sm + "lastmod")!.Value), Has.All.Match(W3cDate));
        });
    }

    [Test]
    public async Task SitemapFilesListPostsAndPagesWithHreflangAlternates()
    {
        var (xml, contentType) = await GetAsync("/v1/fa/sitemaps/1.xml");
        var (pages, _) = await GetAsync("/v1/fa/sitemaps/3.xml");
        var urls = XDocument.Parse(xml).Root!.Elements(Sm + "url").ToArray();
        var locs = urls.Select(u => u.Element(Sm + "loc")!.Value).ToArray();
        var translated = urls.Single(u => u.Element(Sm + "loc")!.Value == PostUrl("fa", "خبر-60"));
        var alternates = translated.Elements(Xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => l.Attribute("href")!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("application/xml"));
            Assert.That(locs, Is.EqualTo(Enumerable.Range(1, 60).Select(i => PostUrl("fa", $"خبر-{i}"))), "the 60 posts, oldest first; not the draft");
            Assert.That(urls.Select(u => u.Element(Sm + "lastmod")!.Value), Has.All.Match(W3cDate));
            Assert.That(alternates, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["fa-IR"] = PostUrl("fa", "خبر-60"),
                ["en"] = PostUrl("en", "news-60"),
                ["ar"] = PostUrl("ar", "الخبر-60"),
            }));
            Assert.That(urls.Where(u => u != translated).SelectMany(u => u.Elements(Xhtml + "link")), Is.Empty);
            Assert.That(XDocument.Parse(pages).Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value),
                Is.EqualTo(new[] { $"{Site}/fa/pages/{Uri.EscapeDataString("درباره-ما")}" }));
        });
    }

    [TestCase("2", TestName = "a sitemap file without URLs is a 404")]
    [TestCase("4", TestName = "a sitemap file past the last is a 404")]
    [TestCase("0", TestName = "sitemap file 0 is a 404")]
    [TestCase("01", TestName = "a sitemap number with a leading zero is a 404")]
    [TestCase("+1", TestName = "a sitemap number with a sign is a 404")]
    [TestCase("-1", TestName = "a negative sitemap number is a 404")]
    [TestCase("%201", TestName = "a sitemap number with a space is a 404")]
    [TestCase("1.0", TestName = "a sitemap number with decimals is a 404")]
    [TestCase("99999999999999999999", TestName = "a sitemap number too big for its ids is a 404")]
    public async Task SitemapFilesTheIndexDoesNotListAreProblems(string number)
    {
        var problem = await _app.GetProblemAsync($"/v1/fa/sitemaps/{number}.xml", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Sitemap not found"));
    }

    // PostgreSQL text holds every character but NUL and lone surrogates (XmlSafeWriterTests covers those);
    // an import or old data may have stored what XML 1.0 forbids.
    [Test]
    public async Task CharactersXmlCannotCarryNeverBreakFeedsOrSitemaps()
    {
        const string Forbidden = "\u0001\u000B\u001F\uFFFE";
        await using (var conn = new NpgsqlConnection(_app.ConnectionString))
        {
            var authorId = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO authors (slug, name) VALUES ('control', @Name) RETURNING id", new { Name = $"Na{Forbidden}me" });
            var tagId = await conn.ExecuteScalarAsync<long>(
                "INSERT INTO tags (edition, slug, name) VALUES ('sq', 'control', @Name) RETURNING id", new { Name = $"Ta{Forbidden}g" });
            var postId = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO posts (edition, slug, status, published_at, title, excerpt, body_html, byline, author_id)
                VALUES ('sq', 'control', 'published', now(), @Title, @Excerpt, @Body, @Byline, @AuthorId) RETURNING id
                """, new { Title = $"Ti{Forbidden}tle", Excerpt = $"Ex{Forbidden}cerpt", Body = $"<p>Bo{Forbidden}dy</p>", Byline = $"By{Forbidden}line", AuthorId = authorId });
            await conn.ExecuteAsync("INSERT INTO post_tags (post_id, tag_id, position) VALUES (@PostId, @TagId, 0)", new { PostId = postId, TagId = tagId });
        }

        await _app.Services.GetRequiredService<ContentVersions>().RefreshAsync(CancellationToken.None);
        var (rss, _) = await GetAsync("/v1/sq/feed.xml");
        var (tagRss, _) = await GetAsync("/v1/sq/tags/control/feed.xml");
        var (json, _) = await GetAsync("/v1/sq/feed.json");
        var (index, _) = await GetAsync("/v1/sq/sitemap.xml");
        var files = XDocument.Parse(index).Root!.Elements(Sm + "sitemap").ToArray();
        var item = XDocument.Parse(rss).Root!.Element("channel")!.Element("item")!;
        var jsonItem = JsonDocument.Parse(json).RootElement.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.Element("title")!.Value, Is.EqualTo("Title"));
            Assert.That(item.Element("description")!.Value, Is.EqualTo("Excerpt"));
            Assert.That(item.Element((XNamespace)"http://purl.org/rss/1.0/modules/content/" + "encoded")!.Value, Is.EqualTo("<p>Body</p>"));
            Assert.That(item.Element((XNamespace)"http://purl.org/dc/elements/1.1/" + "creator")!.Value, Is.EqualTo("Name"));
            Assert.That(item.Element("category")!.Value, Is.EqualTo("Tag"));
            Assert.That(XDocument.Parse(tagRss).Root!.Element("channel")!.Element("title")!.Value, Is.EqualTo("Shqip: Tag"));
            // JSON escapes control characters: the text arrives whole and the document stays valid.
            Assert.That(jsonItem.GetProperty("title").GetString(), Is.EqualTo($"Ti{Forbidden}tle"));
            Assert.That(jsonItem.GetProperty("authors")[0].GetProperty("name").GetString(), Is.EqualTo($"Na{Forbidden}me"));
        });
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            var (sitemap, _) = await GetAsync(new Uri(file.Element(Sm + "loc")!.Value).PathAndQuery);
            Assert.That(XDocument.Parse(sitemap).Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value), Does.Contain(PostUrl("sq", "control")));
        }
    }
}
