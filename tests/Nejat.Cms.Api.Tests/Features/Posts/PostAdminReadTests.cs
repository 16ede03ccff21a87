using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class PostAdminReadTests
{
    private CmsApp _app = null!;
    private HttpClient _farsiPreviewer = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("maryam", "مریم"),
            Seed.Tag("fa", "حقوق-بشر", "حقوق بشر"),
            Seed.Post("fa", "منتشرشده", "2024-01-01T00:00:00Z", title: "گزارش منتشرشده", tags: ["حقوق-بشر"], author: "maryam", translationKey: "herat"),
            Seed.Post("fa", "پیش‌نویس", status: "draft", publishedAt: null, title: "پیش‌نویس گزارش"),
            Seed.Post("fa", "زمان‌بندی", "2099-01-01T00:00:00Z", status: "scheduled", title: "آینده"),
            Seed.Post("en", "english-draft", status: "draft", publishedAt: null, translationKey: "herat"));
        _farsiPreviewer = await _app.CreateKeyClientAsync(Roles.Previewer, "fa");
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _farsiPreviewer.Dispose();
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    private static string[] Slugs(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

    [Test]
    public async Task APreviewerSeesEveryStatusButOnlyItsEditions()
    {
        var list = await _farsiPreviewer.GetFromJsonAsync<JsonElement>("/v1/admin/posts");
        Assert.That(Slugs(list), Is.EquivalentTo(new[] { "منتشرشده", "پیش‌نویس", "زمان‌بندی" }));
    }

    [Test]
    public async Task AnAllEditionsKeySeesEverything()
    {
        var list = await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/posts?perPage=100");
        Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(4));
    }

    [TestCase("status=draft", "پیش‌نویس")]
    [TestCase("q=%D9%85%D9%86%D8%AA%D8%B4%D8%B1", "منتشرشده")] // "منتشر"
    [TestCase("edition=fa&tag=%D8%AD%D9%82%D9%88%D9%82-%D8%A8%D8%B4%D8%B1", "منتشرشده")]
    [TestCase("author=maryam", "منتشرشده")]
    public async Task FiltersNarrowTheList(string query, string slug)
    {
        var list = await _farsiPreviewer.GetFromJsonAsync<JsonElement>($"/v1/admin/posts?{query}");
        Assert.That(Slugs(list), Is.EqualTo(new[] { slug }));
    }

    [Test]
    public async Task AStorysPostsAreListedWithinTheEditionsTheKeyMayTouch()
    {
        var mine = await _farsiPreviewer.GetFromJsonAsync<JsonElement>("/v1/admin/posts?translationKey=herat");
        var all = await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/posts?translationKey=herat");
        var none = await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/posts?translationKey=kabul");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(mine), Is.EqualTo(new[] { "منتشرشده" }));
            Assert.That(Slugs(all), Is.EquivalentTo(new[] { "منتشرشده", "english-draft" }));
            Assert.That(all.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("translationKey").GetString()), Is.All.EqualTo("herat"));
            Assert.That(Slugs(none), Is.Empty);
        });
    }

    [Test]
    public async Task AnotherEditionIsForbiddenAndSaysWhich()
    {
        using var list = await _farsiPreviewer.GetAsync("/v1/admin/posts?edition=en");
        var englishId = (await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/posts?edition=en")).GetProperty("items")[0].GetProperty("id");
        using var one = await _farsiPreviewer.GetAsync($"/v1/admin/posts/{englishId}");
        Assert.Multiple(async () =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            var problem = await one.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("'en'").And.Contain("fa"));
        });
    }

    [Test]
    public async Task OnePostCarriesItsBodyAndItsVersionAsETag()
    {
        var id = (await _farsiPreviewer.GetFromJsonAsync<JsonElement>("/v1/admin/posts?status=draft")).GetProperty("items")[0].GetProperty("id");
        using var response = await _farsiPreviewer.GetAsync($"/v1/admin/posts/{id}");
        var post = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(post.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(post.GetProperty("bodyHtml").GetString(), Is.EqualTo("<p>Body</p>"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{post.GetProperty("version").GetInt32()}\""));
        });
    }

    [TestCase("/v1/admin/posts?status=gone", "status")]
    [TestCase("/v1/admin/posts?tag=x", "tag")]
    [TestCase("/v1/admin/posts?perPage=0", "perPage")]
    public async Task BadFiltersAreA400NamingThem(string url, string field)
    {
        using var problem = await _admin.GetAsync(url);
        Assert.That(problem.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await problem.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), Is.True);
    }

    [Test]
    public async Task AnUnknownPostIsA404AndNoKeyIsA401()
    {
        using var anonymous = _app.CreateClient();
        Assert.Multiple(async () =>
        {
            Assert.That((await _admin.GetAsync("/v1/admin/posts/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await anonymous.GetAsync("/v1/admin/posts")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
