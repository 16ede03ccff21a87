using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// An admin invites an editor, who accepts in another browser session and signs in; the main pages in
/// left-to-right (en) and right-to-left (fa) are photographed into the test output and checked by axe-core.
/// </summary>
public sealed class DeskPagesTests
{
    private DeskBrowser _desk = null!;
    private IPage _admin = null!;
    private string _adminEmail = "";

    // The last story's post in each edition (en, fa): translations of each other.
    private readonly Dictionary<string, long> _storyIds = [];
    private readonly List<long> _mediaIds = [];
    private long _galleryId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _desk = await DeskBrowser.StartAsync();
        foreach (var (edition, title) in new[] { ("en", "Housing in Herat"), ("fa", "خانه‌ها در هرات"), ("en", "A second story"), ("fa", "گزارش Nejat CMS از کابل") })
        {
            // Each Farsi post translates the English one before it: a story in two editions.
            using var created = await _desk.Admin.PostAsJsonAsync("/v1/admin/posts", new
            {
                edition, title, bodyHtml = "<p>…</p>", tags = new[] { "news" }, translationOf = edition == "fa" ? _storyIds["en"] : (long?)null,
            });
            Assert.That(created.IsSuccessStatusCode, Is.True, await created.Content.ReadAsStringAsync());
            _storyIds[edition] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        foreach (var _ in new[] { 1, 2 })
        {
            var uploaded = await _desk.Admin.UploadAsync(TestFiles.Image(320, 240, SKEncodedImageFormat.Png), "photo.png", "image/png");
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
            _mediaIds.Add(uploaded.Body.GetProperty("id").GetInt64());
        }

        var gallery = await _desk.Admin.PostJsonAsync("/v1/admin/galleries", new { titles = new { en = "Herat in pictures", fa = "هرات در تصویر" }, mediaIds = _mediaIds });
        Assert.That(gallery.Status, Is.EqualTo(HttpStatusCode.Created), gallery.Body.ToString());
        _galleryId = gallery.Body.GetProperty("id").GetInt64();
        _adminEmail = await _desk.CreateAccountAsync("Ada Admin", Roles.Admin);
        _admin = await _desk.SignInAsync(_adminEmail);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _desk.DisposeAsync();

    [TearDown]
    public Task PhotographAFailure() => DeskBrowser.PhotographIfFailedAsync(_admin);

    [Test]
    public async Task AnAdminInvitesAnEditorWhoAcceptsAndSignsIn()
    {
        // The interface speaks the language of the last edition opened: English here.
        await _admin.GotoAsync("/admin/#/posts/en");
        await _admin.GetByRole(AriaRole.Heading, new() { Name = "Posts · English" }).WaitForAsync();
        await _admin.GotoAsync("/admin/#/accounts");
        var email = $"{Guid.NewGuid():N}@desk.test";
        await _admin.GetByLabel("Email").FillAsync(email);
        await _admin.GetByLabel("Display name").FillAsync("Dariush Editor");
        await _admin.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var url = await _admin.GetByTestId("invitation-url").InnerTextAsync();
        Assert.That(url, Does.Contain("/admin/#/invitation/"));

        var context = await _desk.Browser.NewContextAsync(new() { BaseURL = _desk.BaseAddress.ToString() });
        var invited = await context.NewPageAsync();
        await invited.GotoAsync("/admin/#/invitation/" + url.Split("#/invitation/")[1]);
        await invited.GetByText(email).WaitForAsync();
        await invited.GetByLabel("Choose a password").FillAsync(DeskBrowser.Password);
        await invited.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await invited.Locator("nav").WaitForAsync();
        await invited.GetByText("Dariush Editor").WaitForAsync();
        await context.CloseAsync();

        // Signed in anew with the password chosen, in a fresh session.
        var again = await _desk.SignInAsync(email);
        await again.Context.CloseAsync();
    }

    [TestCase("en", "ltr")]
    [TestCase("fa", "rtl")]
    public async Task TheMainPagesMirrorWithTheEditionAndHaveNoSeriousAccessibilityViolations(string edition, string dir)
    {
        var page = await _admin.Context.NewPageAsync();
        var pages = new[]
        {
            ("posts", $"/admin/#/posts/{edition}"), ("new-post", $"/admin/#/posts/{edition}/new"), ("media", $"/admin/#/media/{edition}"),
            ("translation", $"/admin/#/posts/{edition}/{_storyIds[edition]}?source={_storyIds[edition == "en" ? "fa" : "en"]}"),
            ("galleries", $"/admin/#/galleries/{edition}"), ("gallery", $"/admin/#/galleries/{edition}/{_galleryId}"),
            ("settings", $"/admin/#/settings/{edition}"), ("navigation", $"/admin/#/navigation/{edition}"), ("accounts", "/admin/#/accounts"),
        };
        foreach (var (name, url) in pages)
        {
            await page.GotoAsync(url);
            try
            {
                await page.Locator("main h2").First.WaitForAsync();
            }
            catch (TimeoutException)
            {
                await DeskBrowser.ScreenshotAsync(page, $"failed-{name}-{dir}");
                throw;
            }

            await page.Locator(".mantine-Loader-root").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            if (name == "gallery")
            {
                await page.Locator(".gallery-items li").Nth(1).WaitForAsync();
            }

            if (name == "translation")
            {
                // The source beside the post, and the story's other edition listed in the translations panel.
                await page.Locator(".side-by-side h3").WaitForAsync();
                await page.Locator($"tr[data-edition={(edition == "en" ? "fa" : "en")}] a").WaitForAsync();
                await page.Locator("#translations-title").ScrollIntoViewIfNeededAsync();
            }

            if (!url.Contains("accounts", StringComparison.Ordinal))
            {
                Assert.That(await page.Locator("html").GetAttributeAsync("dir"), Is.EqualTo(dir), name);
            }

            await DeskBrowser.ScreenshotAsync(page, $"{name}-{dir}");
            await DeskBrowser.AssertAccessibleAsync(page, $"{name} ({edition})");
        }

        await page.CloseAsync();
    }

    [Test]
    public async Task AnAdminFilesMediaInANewCollectionAndMakesAGalleryOrderedByKeyboardWithATitlePerEdition()
    {
        var (first, second) = (_mediaIds[0], _mediaIds[1]);
        // A session of its own: the desk keeps the last edition opened in the browser's storage.
        var page = await _desk.SignInAsync(_adminEmail);
        await page.GotoAsync("/admin/#/media/en");
        await page.GetByLabel("New collection").FillAsync("Night photos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add collection" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Image #{first}", Exact = true }).ClickAsync();
        var texts = page.Locator($"section[aria-label='#{first}']");
        await texts.GetByRole(AriaRole.Textbox, new() { Name = "Collection" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Night photos" }).ClickAsync();
        await texts.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await DeskBrowser.EventuallyAsync(async () => (await _desk.AdminGetAsync($"/v1/admin/media/{first}")).GetProperty("collection").ToString() == "night-photos");

        // The filter: only the item in the collection is listed.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Collection" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Night photos" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Image #{second}", Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.That(await page.Locator(".media-grid button").CountAsync(), Is.EqualTo(1));
        await DeskBrowser.ScreenshotAsync(page, "media-collection-ltr");
        await DeskBrowser.AssertAccessibleAsync(page, "media in a collection (en)");

        await page.GotoAsync("/admin/#/galleries/en");
        await page.GetByRole(AriaRole.Link, new() { Name = "New gallery" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Kabul nights");
        foreach (var item in new[] { first, second })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add from the library…" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Choose #{item}", Exact = true }).ClickAsync();
        }

        // Reordered with the keyboard: the second item's "earlier" button, focused and pressed.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Move Image #{second} earlier" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await DeskBrowser.WaitForAddressAsync(page, new Regex(@"#/galleries/en/\d+$"));
        var id = page.Url.Split('/')[^1];

        await page.GotoAsync($"/admin/#/galleries/fa/{id}");
        await page.Locator(".gallery-items li").Nth(1).WaitForAsync();
        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync("شب‌های کابل");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره", Exact = true }).ClickAsync();
        await page.GetByText("ذخیره شد.").WaitForAsync();
        var gallery = await _desk.AdminGetAsync($"/v1/admin/galleries/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(gallery.GetProperty("mediaIds").EnumerateArray().Select(m => m.GetInt64()), Is.EqualTo(new[] { second, first }));
            Assert.That(gallery.GetProperty("titles").GetProperty("en").GetString(), Is.EqualTo("Kabul nights"));
            Assert.That(gallery.GetProperty("titles").GetProperty("fa").GetString(), Is.EqualTo("شب‌های کابل"));
        });
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task TheSignInPageIsAccessible()
    {
        var context = await _desk.Browser.NewContextAsync(new() { BaseURL = _desk.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/");
        await page.GetByLabel("Password").WaitForAsync();
        await DeskBrowser.ScreenshotAsync(page, "sign-in-ltr");
        await DeskBrowser.AssertAccessibleAsync(page, "sign-in");
        await context.CloseAsync();
    }
}
