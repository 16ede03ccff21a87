using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Navigation;

public sealed class NavigationTests
{
    private CmsApp _app = null!;
    private HttpClient _farsiEditor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync(new() { ["Cms:PublicSiteUrl"] = "https://nejat.example" });
        await _app.SeedAsync(Seed.Tag("fa", "کاریکاتور", "کاریکاتور"), Seed.Post("en", "english-post"));
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _farsiEditor.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<long> IdAsync(string url, object body)
    {
        var created = await _farsiEditor.PostJsonAsync(url, body);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        return created.Body.GetProperty("id").GetInt64();
    }

    private async Task<long> TagIdAsync(string slug)
    {
        var tags = await _farsiEditor.GetFromJsonAsync("/v1/admin/tags?edition=fa&perPage=100");
        return tags.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == slug).GetProperty("id").GetInt64();
    }

    private async Task<EditorialClient.Reply> PutMenuAsync(object menu)
    {
        var current = await _farsiEditor.SendAsync(HttpMethod.Get, "/v1/admin/navigation/fa");
        return await _farsiEditor.SendAsync(HttpMethod.Put, "/v1/admin/navigation/fa", menu, current.ETag);
    }

    [Test]
    public async Task TheMenuFollowsRenamesAndDropsUnpublishedTargets()
    {
        var about = await IdAsync("/v1/admin/pages", new { edition = "fa", title = "درباره ما", status = "published" });
        var draft = await IdAsync("/v1/admin/pages", new { edition = "fa", title = "پیش‌نویس" });
        var post = await IdAsync("/v1/admin/posts", new { edition = "fa", title = "گزارش", status = "published" });
        var cartoons = await TagIdAsync("کاریکاتور");
        var saved = await PutMenuAsync(new
        {
            items = new object[]
            {
                new { label = "خانه", link = new { kind = "home" } },
                new
                {
                    label = "رسانه",
                    children = new object[]
                    {
                        new { label = "کاریکاتور", link = new { kind = "tag", id = cartoons } },
                        new { label = "کتاب‌ها", link = new { kind = "collection", slug = "کتاب‌ها" } },
                        new { label = "گالری", link = new { kind = "gallery", slug = "هرات" } },
                        new { label = "پیش‌نویس", link = new { kind = "page", id = draft } },
                    },
                },
                new { label = "گزارش", link = new { kind = "post", id = post } },
                new { label = "درباره ما", link = new { kind = "page", id = about } },
                new { label = "تلگرام", link = new { kind = "external", url = "https://t.me/nejat_fa" } },
            },
        });
        Assert.That(saved.Status, Is.EqualTo(HttpStatusCode.OK), saved.Body.ToString());

        var page = await _farsiEditor.GetFromJsonAsync($"/v1/admin/pages/{about}");
        var renamed = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/pages/{about}", new { slug = "ما-که-هستیم" },
            $"\"{page.GetProperty("version").GetInt32()}\"", "application/merge-patch+json");
        Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Body.ToString());

        var menu = await _app.GetJsonAsync("/v1/fa/navigation");
        var items = menu.GetProperty("items");
        var media = items[1].GetProperty("children");
        Assert.Multiple(() =>
        {
            Assert.That(menu.GetProperty("direction").GetString(), Is.EqualTo("rtl"));
            Assert.That(items.GetArrayLength(), Is.EqualTo(5));
            Assert.That(items[0].GetProperty("href").GetString(), Is.EqualTo("/fa"));
            Assert.That(items[1].GetProperty("href").ValueKind, Is.EqualTo(JsonValueKind.Null), "a heading");
            Assert.That(media.GetArrayLength(), Is.EqualTo(3), "the draft page is left out");
            Assert.That(media[0].GetProperty("href").GetString(), Is.EqualTo($"/fa/tags/{Uri.EscapeDataString("کاریکاتور")}"));
            Assert.That(media[1].GetProperty("href").GetString(), Is.EqualTo($"/fa/media?collection={Uri.EscapeDataString("کتاب‌ها")}"));
            Assert.That(media[2].GetProperty("kind").GetString(), Is.EqualTo("gallery"));
            Assert.That(items[3].GetProperty("slug").GetString(), Is.EqualTo("ما-که-هستیم"), "renaming the page does not break the menu");
            Assert.That(items[3].GetProperty("href").GetString(), Is.EqualTo($"/fa/pages/{Uri.EscapeDataString("ما-که-هستیم")}"));
            Assert.That(items[4].GetProperty("href").GetString(), Is.EqualTo("https://t.me/nejat_fa"));
        });
    }

    [Test]
    public async Task ABadMenuIsRefusedNamingEachItem()
    {
        var english = (await _app.GetJsonAsync("/v1/en/posts/english-post")).GetProperty("id").GetInt64();
        var refused = await PutMenuAsync(new
        {
            items = new object[]
            {
                new { label = "", link = new { kind = "home" } },
                new { label = "بی‌پیوند" },
                new
                {
                    label = "رسانه",
                    children = new object[]
                    {
                        new { label = "انگلیسی", link = new { kind = "post", id = english } },
                        new { label = "ناشناخته", link = new { kind = "podcast", slug = "x" } },
                        new
                        {
                            label = "سطح سه",
                            link = new { kind = "home" },
                            children = new object[] { new { label = "سطح چهار", link = new { kind = "external", url = "ftp://x" }, children = new object[] { new { label = "پنج" } } } },
                        },
                    },
                },
            },
        });
        var menu = await _farsiEditor.SendAsync(HttpMethod.Get, "/v1/admin/navigation/fa");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[]
            {
                "items[0].label", "items[1].link", "items[2].children[0].link", "items[2].children[1].link",
                "items[2].children[2].children[0].children", "items[2].children[2].children[0].link", "items[2].children[2].children[0].children[0].link",
            }));
            Assert.That(menu.Body.GetProperty("items").GetArrayLength(), Is.Not.EqualTo(3), "nothing was written");
        });
    }

    [Test]
    public async Task WritesNeedIfMatchAndTheEditionsRights()
    {
        var noVersion = await _farsiEditor.SendAsync(HttpMethod.Put, "/v1/admin/navigation/fa", new { items = Array.Empty<object>() });
        var english = await _farsiEditor.SendAsync(HttpMethod.Put, "/v1/admin/navigation/en", new { items = Array.Empty<object>() }, "\"0\"");
        Assert.Multiple(() =>
        {
            Assert.That(noVersion.Status, Is.EqualTo(HttpStatusCode.PreconditionRequired));
            Assert.That(english.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
        await _app.GetProblemAsync("/v1/xx/navigation", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task LinksAreStoredAndServedInOneEscapedSpellingAndLinksOutOfTheSiteAreRefused()
    {
        var saved = await PutMenuAsync(new
        {
            items = new object[]
            {
                new { label = "ویکی", link = new { kind = "external", url = "https://fa.wikipedia.org/wiki/ایران \"x\"" } },
                new { label = "درباره", link = new { kind = "path", url = "/fa/درباره ما" } },
            },
        });
        var menu = await _app.GetJsonAsync("/v1/fa/navigation");
        var refused = await PutMenuAsync(new
        {
            items = new object[]
            {
                new { label = "a", link = new { kind = "external", url = "javascript:alert(1)" } },
                new { label = "b", link = new { kind = "path", url = "//evil.example/" } },
                new { label = "c", link = new { kind = "external", url = "https://user:pw@example.org/" } },
                new { label = "d", link = new { kind = "path", url = "fa/about" } },
            },
        });
        Assert.Multiple(() =>
        {
            Assert.That(saved.Status, Is.EqualTo(HttpStatusCode.OK), saved.Body.ToString());
            Assert.That(saved.Body.GetProperty("items")[0].GetProperty("link").GetProperty("url").GetString(),
                Is.EqualTo("https://fa.wikipedia.org/wiki/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86%20%22x%22"));
            Assert.That(menu.GetProperty("items")[0].GetProperty("href").GetString(), Is.EqualTo("https://fa.wikipedia.org/wiki/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86%20%22x%22"));
            Assert.That(menu.GetProperty("items")[1].GetProperty("href").GetString(), Is.EqualTo("/fa/%D8%AF%D8%B1%D8%A8%D8%A7%D8%B1%D9%87%20%D9%85%D8%A7"));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name),
                Is.EquivalentTo(new[] { "items[0].link", "items[1].link", "items[2].link", "items[3].link" }));
        });
    }
}
