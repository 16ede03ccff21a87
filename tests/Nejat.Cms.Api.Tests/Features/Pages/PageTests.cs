using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Pages;

public sealed class PageTests
{
    private CmsApp _app = null!;
    private HttpClient _farsiEditor = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Tag("fa", "خبر", "خبر"),
            Seed.Post("fa", "نخستین-خبر", "2024-01-01T00:00:00Z", tags: ["خبر"]),
            Seed.Post("fa", "دومین-خبر", "2024-01-02T00:00:00Z", tags: ["خبر"]));
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _farsiEditor.Dispose();
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    private static long IdOf(EditorialClient.Reply reply) => reply.Body.GetProperty("id").GetInt64();

    private static string Url(string edition, string kind, string slug) => $"/v1/{edition}/{kind}/{Uri.EscapeDataString(slug)}";

    [Test]
    public async Task AFarsiEditorCreatesAndPublishesAPageThatReadsRightToLeft()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "درباره ما", bodyHtml = "<p>ما که هستیم</p>" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        var id = IdOf(created);
        await _app.GetProblemAsync(Url("fa", "pages", "درباره-ما"), HttpStatusCode.NotFound);

        var published = await _farsiEditor.PostJsonAsync($"/v1/admin/pages/{id}/publish", new { }, created.ETag);
        var page = await _app.GetJsonAsync(Url("fa", "pages", "درباره-ما"));
        var revisions = await _farsiEditor.GetFromJsonAsync($"/v1/admin/pages/{id}/revisions");
        Assert.Multiple(() =>
        {
            Assert.That(created.Location, Is.EqualTo($"/v1/admin/pages/{id}"));
            Assert.That(created.Body.GetProperty("kind").GetString(), Is.EqualTo("page"));
            Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
            Assert.That(page.GetProperty("title").GetString(), Is.EqualTo("درباره ما"));
            Assert.That(page.GetProperty("bodyHtml").GetString(), Is.EqualTo("<p>ما که هستیم</p>"));
            Assert.That(page.GetProperty("language").GetString(), Is.EqualTo("fa-IR"));
            Assert.That(page.GetProperty("direction").GetString(), Is.EqualTo("rtl"));
            Assert.That(revisions.GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task PagesNeverAppearAmongPostsOrInTheirCounts()
    {
        var before = await _app.GetJsonAsync("/v1/fa/posts");
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "تماس با ما", status = "published", publishedAt = "2025-01-01T00:00:00Z" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());

        var posts = await _app.GetJsonAsync("/v1/fa/posts");
        var tag = await _app.GetJsonAsync(Url("fa", "tags", "خبر"));
        var newest = await _app.GetJsonAsync(Url("fa", "posts", "دومین-خبر"));
        var adminPosts = await _farsiEditor.GetFromJsonAsync("/v1/admin/posts?edition=fa");
        await _app.GetProblemAsync(Url("fa", "posts", "تماس-با-ما"), HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(posts.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(before.GetProperty("page").GetProperty("totalItems").GetInt64()));
            Assert.That(posts.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()), Does.Not.Contain("تماس-با-ما"));
            Assert.That(tag.GetProperty("postCount").GetInt32(), Is.EqualTo(2));
            Assert.That(newest.GetProperty("newer").ValueKind, Is.EqualTo(JsonValueKind.Null), "a newer page is no newer post");
            Assert.That(adminPosts.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("kind").GetString()), Is.All.EqualTo("post"));
        });
    }

    [Test]
    public async Task EditionPostCountsLeavePagesOut()
    {
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        const string Count = "SELECT post_count FROM editions WHERE code = 'sq'";
        await using var before = new Npgsql.NpgsqlCommand(Count, conn);
        var countBefore = (int)(await before.ExecuteScalarAsync())!;
        var created = await _admin.PostJsonAsync("/v1/admin/pages", new { edition = "sq", title = "Rreth nesh", status = "published" });
        await using var after = new Npgsql.NpgsqlCommand(Count, conn);
        Assert.Multiple(async () =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((int)(await after.ExecuteScalarAsync())!, Is.EqualTo(countBefore));
        });
    }

    [Test]
    public async Task PagesCarryNoTagsAndAreNotReachableAsPostsInTheAdminApi()
    {
        var tagged = await _farsiEditor.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "برچسب‌دار", tags = new[] { "خبر" } });
        var page = await _farsiEditor.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "صفحه" });
        var asPost = await _farsiEditor.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{IdOf(page)}");
        var patchedAsPost = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf(page)}", new { title = "x" }, page.ETag, "application/merge-patch+json");
        var englishPage = await _farsiEditor.PostJsonAsync("/v1/admin/pages", new { edition = "en", title = "About" });
        Assert.Multiple(() =>
        {
            Assert.That(tagged.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tagged.Body.GetProperty("errors").TryGetProperty("tags", out _), Is.True);
            Assert.That(asPost.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(patchedAsPost.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(englishPage.Status, Is.EqualTo(HttpStatusCode.Forbidden), "edition rights hold for pages");
        });
    }

    [Test]
    public async Task APageIsTranslatedByPagesAndItsRenamedSlugAnswers301()
    {
        var english = await _admin.PostJsonAsync("/v1/admin/pages", new { edition = "en", title = "Contact", status = "published" });
        var arabic = await _admin.PostJsonAsync("/v1/admin/pages", new { edition = "ar", title = "اتصل بنا", status = "published", translationOf = IdOf(english) });
        var post = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "sq", title = "Lajm", status = "published" });
        var postAsTranslation = await _admin.PostJsonAsync($"/v1/admin/pages/{IdOf(english)}/translations", new { postId = IdOf(post) }, "\"2\"");
        var renamed = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/pages/{IdOf(arabic)}", new { slug = "تواصل-معنا" }, arabic.ETag, "application/merge-patch+json");

        using var kestrel = _app.CreateClient();
        using var noRedirects = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(noRedirects) { BaseAddress = kestrel.BaseAddress };
        using var old = await client.GetAsync(Url("ar", "pages", "اتصل-بنا"));
        var page = await _app.GetJsonAsync("/v1/en/pages/contact");
        Assert.Multiple(() =>
        {
            Assert.That(arabic.Status, Is.EqualTo(HttpStatusCode.Created), arabic.Body.ToString());
            Assert.That(postAsTranslation.Status, Is.EqualTo(HttpStatusCode.NotFound), "a post does not translate a page");
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Body.ToString());
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo(Url("ar", "pages", "تواصل-معنا")));
            Assert.That(page.GetProperty("translations")[0].GetProperty("edition").GetString(), Is.EqualTo("ar"));
            Assert.That(page.GetProperty("translations")[0].GetProperty("slug").GetString(), Is.EqualTo("تواصل-معنا"));
            Assert.That(page.GetProperty("language").GetString(), Is.EqualTo("en"));
            Assert.That(page.GetProperty("direction").GetString(), Is.EqualTo("ltr"));
        });
        await _app.GetProblemAsync("/v1/en/posts/contact", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/xx/pages/contact", HttpStatusCode.NotFound);
    }
}
