using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// A Farsi editor at the desk in a real browser: writes a post with a ZWNJ word, tags and a featured image,
/// saves and publishes it (the public API has it), meets a second session's change as a conflict without
/// losing a word, restores a revision, and cannot open an English post. Steps run in order on one post.
/// </summary>
[NonParallelizable]
public sealed partial class DeskEditingTests
{
    // The desk's Farsi labels (desk/src/i18n.ts): the editor of the fa edition sees them.
    private const string TitleLabel = "عنوان";
    private const string ExcerptLabel = "چکیده";
    private const string TagsLabel = "برچسب‌ها";
    private const string Save = "ذخیره";
    private const string Publish = "انتشار";
    private const string Conflict = "کس دیگری این نوشته را تغییر داده است — تغییرات او را بازبینی کنید.";
    private const string Restored = "تغییرات ذخیره‌نشدهٔ شما بازگردانده شد.";
    private const string Discard = "دورشان بینداز";
    private const string RestoreRevision = "بازگرداندن این نسخه";
    private const string NotAllowed = "اجازهٔ تغییر این را ندارید.";
    private const string BoldLabel = "پررنگ";

    // "Houses in Herat": خانه‌ها carries a ZWNJ (U+200C), typed with Shift+Space.
    private const string Title = "خانه\u200cها در هرات";

    private DeskBrowser _desk = null!;
    private string _editor = "";
    private IPage _page = null!;
    private long _postId;
    private long _englishPostId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _desk = await DeskBrowser.StartAsync();
        _editor = await _desk.CreateAccountAsync("Parisa Farahani", Roles.Editor, "fa");
        using var english = await _desk.Admin.PostAsJsonAsync("/v1/admin/posts", new { edition = "en", title = "An English story", bodyHtml = "<p>Hello</p>" });
        _englishPostId = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        _page = await _desk.SignInAsync(_editor);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _desk.DisposeAsync();

    [TearDown]
    public Task PhotographAFailure() => DeskBrowser.PhotographIfFailedAsync(_page);

    [Test, Order(1)]
    public async Task TheDeskOfAFarsiEditorIsRightToLeftInFarsi()
    {
        await _page.GetByRole(AriaRole.Heading, new() { Name = "نوشته‌ها" }).WaitForAsync();
        var html = _page.Locator("html");
        var (dir, lang) = (await html.GetAttributeAsync("dir"), await html.GetAttributeAsync("lang"));
        Assert.Multiple(() =>
        {
            Assert.That(dir, Is.EqualTo("rtl"));
            Assert.That(lang, Is.EqualTo("fa"));
        });
    }

    [Test, Order(2)]
    public async Task AFarsiPostWithAZwnjWordTagsAndAFeaturedImageIsSavedAsTyped()
    {
        await _page.GotoAsync("/admin/#/posts/fa/new");
        var title = _page.GetByLabel(TitleLabel, new() { Exact = true });
        await title.ClickAsync();
        await title.PressSequentiallyAsync("خانه");
        await title.PressAsync("Shift+Space");
        await title.PressSequentiallyAsync("ها در هرات");
        Assert.That(await title.InputValueAsync(), Is.EqualTo(Title));

        var body = _page.Locator("[contenteditable=true]");
        await body.ClickAsync();
        await body.PressSequentiallyAsync("می");
        await body.PressAsync("Shift+Space");
        await body.PressSequentiallyAsync("خواهم با Nejat CMS بنویسم.");
        await _page.Keyboard.PressAsync("Enter");
        await _page.GetByRole(AriaRole.Button, new() { Name = BoldLabel, Exact = true }).ClickAsync();
        await body.PressSequentiallyAsync("پررنگ");

        var tags = _page.GetByRole(AriaRole.Textbox, new() { Name = TagsLabel });
        await tags.FillAsync("حقوق بشر");
        await tags.PressAsync("Enter");

        await _page.GetByRole(AriaRole.Button, new() { Name = "انتخاب یا بارگذاری…" }).ClickAsync();
        await _page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "herat.png", MimeType = "image/png", Buffer = TestFiles.Image(640, 480, SKEncodedImageFormat.Png),
        });
        await _page.GetByTestId("featured-image").WaitForAsync();

        var request = await _page.RunAndWaitForRequestAsync(
            () => _page.GetByRole(AriaRole.Button, new() { Name = Save, Exact = true }).ClickAsync(),
            r => r.Method == "POST" && r.Url.EndsWith("/v1/admin/posts", StringComparison.Ordinal));
        await DeskBrowser.WaitForAddressAsync(_page, PostUrl());
        _postId = long.Parse(PostUrl().Match(_page.Url).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var sent = JsonSerializer.Deserialize<JsonElement>(request.PostData!);

        var stored = await _desk.AdminGetAsync($"/v1/admin/posts/{_postId}");
        Assert.Multiple(() =>
        {
            Assert.That(stored.GetProperty("title").GetString(), Is.EqualTo(Title), "the ZWNJ is kept");
            Assert.That(stored.GetProperty("bodyHtml").GetString(), Is.EqualTo(sent.GetProperty("bodyHtml").GetString()), "the editor's HTML survives the sanitiser unchanged");
            Assert.That(stored.GetProperty("bodyHtml").GetString(), Does.Contain("می\u200cخواهم").And.Contain("<strong>پررنگ</strong>"));
            Assert.That(stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Has.Exactly(1).Items);
            Assert.That(stored.GetProperty("featuredMediaId").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(stored.GetProperty("status").GetString(), Is.EqualTo("draft"));
        });
        await DeskBrowser.ScreenshotAsync(_page, "editor-rtl");
        await DeskBrowser.AssertAccessibleAsync(_page, "the editor (fa)");
    }

    [Test, Order(3)]
    public async Task PublishingPutsItOnThePublicApi()
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = Publish, Exact = true }).ClickAsync();
        await _page.GetByText("منتشرشده").First.WaitForAsync();
        var slug = (await _desk.AdminGetAsync($"/v1/admin/posts/{_postId}")).GetProperty("slug").GetString()!;
        var published = await _desk.App.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(slug)}");
        Assert.That(published.GetProperty("title").GetString(), Is.EqualTo(Title));
    }

    [Test, Order(4)]
    public async Task AChangeFromASecondSessionIsAConflictThatKeepsTheEditorsTextAcrossAReload()
    {
        var other = await _desk.SignInAsync(_editor);
        await other.GotoAsync($"/admin/#/posts/fa/{_postId}");
        await other.GetByLabel(TitleLabel, new() { Exact = true }).FillAsync("خانه‌ها در هرات، ویرایش دیگر");
        await other.GetByRole(AriaRole.Button, new() { Name = Save, Exact = true }).ClickAsync();
        try
        {
            await other.GetByText("ذخیره شد.").WaitForAsync();
        }
        catch (TimeoutException)
        {
            await DeskBrowser.ScreenshotAsync(other, "failed-second-session");
            throw;
        }
        await other.Context.CloseAsync();

        await _page.GetByLabel(ExcerptLabel).FillAsync("چکیدهٔ من");
        await _page.GetByRole(AriaRole.Button, new() { Name = Save, Exact = true }).ClickAsync();
        await _page.GetByTestId("conflict").GetByText(Conflict).WaitForAsync();
        Assert.That(await _page.GetByLabel(ExcerptLabel).InputValueAsync(), Is.EqualTo("چکیدهٔ من"));
        await DeskBrowser.ScreenshotAsync(_page, "conflict-rtl");

        await _page.ReloadAsync();
        await _page.GetByText(Restored).WaitForAsync();
        Assert.That(await _page.GetByLabel(ExcerptLabel).InputValueAsync(), Is.EqualTo("چکیدهٔ من"), "unsaved changes survive a reload");
        await _page.GetByRole(AriaRole.Button, new() { Name = Discard }).ClickAsync();
    }

    [Test, Order(5)]
    public async Task ARevisionIsComparedSideBySideAndRestored()
    {
        await _page.GotoAsync($"/admin/#/posts/fa/{_postId}/revisions");
        await _page.GetByRole(AriaRole.Button, new() { Name = "نسخه 1" }).ClickAsync();
        await _page.Locator("ins.diff-added", new() { HasText = "ویرایش" }).First.WaitForAsync();
        await DeskBrowser.ScreenshotAsync(_page, "revisions-rtl");
        await _page.GetByRole(AriaRole.Button, new() { Name = RestoreRevision }).ClickAsync();
        await DeskBrowser.WaitForAddressAsync(_page, PostUrl());
        await DeskBrowser.EventuallyAsync(async () => (await _desk.AdminGetAsync($"/v1/admin/posts/{_postId}")).GetProperty("title").GetString() == Title);
        Assert.That(await _page.GetByLabel(TitleLabel, new() { Exact = true }).InputValueAsync(), Is.EqualTo(Title));
    }

    [Test, Order(6)]
    public async Task AnEnglishPostCannotBeOpenedNorChanged()
    {
        await _page.GotoAsync($"/admin/#/posts/en/{_englishPostId}");
        await _page.GetByRole(AriaRole.Alert).GetByText(NotAllowed).WaitForAsync();
        Assert.That(await _page.GetByLabel(TitleLabel, new() { Exact = true }).CountAsync(), Is.Zero);
        // Not even by hand: the session's own request, with its CSRF token, is refused.
        var status = await _page.EvaluateAsync<int>(@"async (id) => {
            const session = await (await fetch('/v1/auth/session')).json();
            const r = await fetch('/v1/admin/posts/' + id, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': '""1""', 'X-CSRF-Token': session.csrfToken }, body: JSON.stringify({ title: 'x' }) });
            return r.status; }", _englishPostId);
        Assert.That(status, Is.EqualTo(403));
    }

    [GeneratedRegex(@"#/posts/fa/(?<id>\d+)$")]
    private static partial Regex PostUrl();
}
