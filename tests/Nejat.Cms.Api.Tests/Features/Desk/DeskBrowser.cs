using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET against a real service (no browser download is possible
/// here). Without Chromium these tests fail saying how to install it, unless NEJAT_SKIP_BROWSER_TESTS=1
/// (then they are ignored): a missing browser must not pass for a green run by accident.
/// </summary>
internal sealed class DeskBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct horse battery staple";

    private readonly IPlaywright _playwright;

    private DeskBrowser(CmsApp app, IPlaywright playwright, IBrowser browser, HttpClient admin)
    {
        App = app;
        _playwright = playwright;
        Browser = browser;
        Admin = admin;
    }

    public CmsApp App { get; }

    public IBrowser Browser { get; }

    /// <summary>An admin API key's client, for arranging and checking what the browser did.</summary>
    public HttpClient Admin { get; }

    public Uri BaseAddress => Admin.BaseAddress!;

    public static async Task<DeskBrowser> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("NEJAT_SKIP_BROWSER_TESTS") == "1")
            {
                Assert.Ignore($"NEJAT_SKIP_BROWSER_TESTS=1 and no {ChromiumPath}: the desk's browser tests are skipped.");
            }

            Assert.Fail($"The desk's browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium "
                + "(or set NEJAT_SKIP_BROWSER_TESTS=1 to skip them).");
        }

        var app = await CmsApp.StartAsync();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        return new DeskBrowser(app, playwright, browser, await app.CreateKeyClientAsync(Roles.Admin));
    }

    /// <summary>An account made through the admin API and its invitation, so it can sign in with <see cref="Password"/>.</summary>
    public async Task<string> CreateAccountAsync(string displayName, string role, params string[] editions)
    {
        var email = $"{Guid.NewGuid():N}@desk.test";
        using var created = await Admin.PostAsJsonAsync("/v1/admin/accounts",
            new { email, displayName, role, editions = editions.Length == 0 ? null : editions });
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((int)created.StatusCode, Is.EqualTo(201), answer.ToString());
        var token = answer.GetProperty("invitationUrl").GetString()!.Split("#/invitation/")[1];
        using var accepted = await Admin.PostAsJsonAsync($"/v1/auth/invitations/{token}", new { password = Password });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(200), await accepted.Content.ReadAsStringAsync());
        return email;
    }

    /// <summary>An admin API read that must succeed.</summary>
    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>A fresh browser session (its own cookies and storage) signed in as that person, on the desk's home.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The navigation's name is in the interface's language: any nav means the desk has opened.
        await page.Locator("nav").WaitForAsync();
        return page;
    }

    /// <summary>A screenshot in the test output (TestResults/desk-screenshots, attached to the test), never in the repository.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestRun.RepositoryRoot, "TestResults", "desk-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        TestContext.AddTestAttachment(path, name);
    }

    /// <summary>
    /// Waits until the page's address matches. The desk routes by the hash, a same-document navigation that
    /// WaitForURLAsync can miss when it happens as the wait begins; the assertion polls the address instead.
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, Regex address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = 30_000 });

    /// <summary>For a [TearDown]: the page as the failed test left it, as failed-(test).png.</summary>
    public static async Task PhotographIfFailedAsync(IPage page)
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await ScreenshotAsync(page, $"failed-{TestContext.CurrentContext.Test.MethodName}");
        }
    }

    /// <summary>axe-core on the page as it is: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        AxeResult result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToArray();
        Assert.That(bad, Is.Empty, $"axe-core on {name}");
    }

    /// <summary>Waits (briefly) until a write's effect is read back.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.That(await condition(), Is.True);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}
