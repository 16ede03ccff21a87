using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// An admin invites an editor, who accepts in another browser session and signs in; the main pages in
/// left-to-right (en) and right-to-left (fa) are photographed into the test output and checked by axe-core.
/// </summary>
public sealed class DeskPagesTests
{
    private DeskBrowser _desk = null!;
    private IPage _admin = null!;

    // The last story's post in each edition (en, fa): translations of each other.
    private readonly Dictionary<string, long> _storyIds = [];

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

        _admin = await _desk.SignInAsync(await _desk.CreateAccountAsync("Ada Admin", Roles.Admin));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _desk.DisposeAsync();

    [Test]
    public async Task AnAdminInvitesAnEditorWhoAcceptsAndSignsIn()
    {
        // The interface speaks the language of the last edition opened: English here.
        await _admin.GotoAsync("/admin/#/posts/en");
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
