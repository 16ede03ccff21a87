using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// A translator of the fa and ar editions at the desk: the post's translations panel lists the story in every
/// edition (the English one only as the public API shows it), starts the Arabic translation beside its source,
/// then opens that existing translation beside its source again; and picks an author, which an editor limited
/// to some editions may read like everyone else.
/// </summary>
[NonParallelizable]
public sealed class DeskTranslationTests
{
    // The desk's Farsi labels (desk/src/i18n.ts).
    private const string Translations = "ترجمه‌ها";
    private const string ThisOne = "همین";
    private const string ReadOnly = "منتشرشده؛ از ویرایش‌های شما نیست";
    private const string NotYours = "از ویرایش‌های شما نیست";
    private const string AuthorLabel = "نویسنده";
    private const string Save = "ذخیره";
    private const string Saved = "ذخیره شد.";

    private DeskBrowser _desk = null!;
    private IPage _page = null!;
    private long _englishId;
    private long _farsiId;
    private string _englishSlug = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _desk = await DeskBrowser.StartAsync();
        (_englishId, _englishSlug) = await PublishAsync(new { edition = "en", title = "Kabul at night", bodyHtml = "<p>The city at night.</p>" });
        (_farsiId, _) = await PublishAsync(new { edition = "fa", title = "کابل در شب", bodyHtml = "<p>شهر در شب.</p>", translationOf = _englishId });
        Assert.That((await _desk.Admin.PostJsonAsync("/v1/admin/authors", new { name = "Maryam Ahmadi", slug = "maryam" })).Status, Is.EqualTo(HttpStatusCode.Created));
        _page = await _desk.SignInAsync(await _desk.CreateAccountAsync("Tara Translator", Roles.Editor, "fa", "ar"));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _desk.DisposeAsync();

    [TearDown]
    public Task PhotographAFailure() => DeskBrowser.PhotographIfFailedAsync(_page);

    private async Task<(long Id, string Slug)> PublishAsync(object post)
    {
        var created = await _desk.Admin.PostJsonAsync("/v1/admin/posts", post);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        var id = created.Body.GetProperty("id").GetInt64();
        var published = await _desk.Admin.PostJsonAsync($"/v1/admin/posts/{id}/publish", new { }, created.ETag);
        Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
        return (id, created.Body.GetProperty("slug").GetString()!);
    }

    private ILocator Row(string edition) => _page.Locator($"section[aria-labelledby=translations-title] tr[data-edition={edition}]");

    [Test, Order(1)]
    public async Task ThePanelListsTheStoryInEveryEditionAndStartsATranslationBesideItsSource()
    {
        await _page.GotoAsync($"/admin/#/posts/fa/{_farsiId}");
        await _page.GetByRole(AriaRole.Heading, new() { Name = Translations }).WaitForAsync();
        await Row("en").GetByText(ReadOnly).WaitForAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Row("en").InnerTextAsync(), Does.Contain(_englishSlug), "the English post as the public API names it");
            Assert.That(await Row("fa").InnerTextAsync(), Does.Contain("کابل در شب").And.Contain(ThisOne));
            Assert.That(await Row("sq").InnerTextAsync(), Does.Contain(NotYours));
            Assert.That(await Row("en").GetByRole(AriaRole.Link).CountAsync(), Is.Zero, "nothing to open in an edition not the translator's");
        });

        await Row("ar").GetByRole(AriaRole.Link).ClickAsync();
        await DeskBrowser.WaitForAddressAsync(_page, new Regex($@"#/posts/ar/new\?translationOf={_farsiId}$"));
        await _page.Locator(".side-by-side").GetByText("کابل در شب").WaitForAsync();
        // The labels follow the edition: Arabic for ar.
        await _page.GetByLabel("العنوان", new() { Exact = true }).FillAsync("كابول في الليل");
        await _page.GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();
        await DeskBrowser.WaitForAddressAsync(_page, new Regex(@"#/posts/ar/\d+$"));

        var story = (await _desk.AdminGetAsync($"/v1/admin/posts/{_farsiId}")).GetProperty("translationKey").GetString();
        var arabic = await _desk.AdminGetAsync($"/v1/admin/posts?edition=ar&translationKey={story}");
        Assert.That(arabic.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()), Is.EqualTo(new[] { "كابول في الليل" }));
    }

    [Test, Order(2)]
    public async Task AnExistingTranslationOpensBesideItsSource()
    {
        await _page.GotoAsync($"/admin/#/posts/fa/{_farsiId}");
        await Row("ar").GetByText("كابول في الليل").WaitForAsync();
        await Row("ar").GetByRole(AriaRole.Link).ClickAsync();
        await DeskBrowser.WaitForAddressAsync(_page, new Regex($@"#/posts/ar/\d+\?source={_farsiId}$"));
        await _page.Locator(".side-by-side").GetByText("کابل در شب").WaitForAsync();
        Assert.That(await _page.GetByLabel("العنوان", new() { Exact = true }).InputValueAsync(), Is.EqualTo("كابول في الليل"));
        await DeskBrowser.ScreenshotAsync(_page, "translation-beside-source-rtl");
        await DeskBrowser.AssertAccessibleAsync(_page, "a translation beside its source (ar)");
    }

    [Test, Order(3)]
    public async Task AnEditorOfSomeEditionsPicksAnAuthor()
    {
        await _page.GotoAsync($"/admin/#/posts/fa/{_farsiId}");
        var author = _page.GetByRole(AriaRole.Textbox, new() { Name = AuthorLabel, Exact = true });
        await author.ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Maryam Ahmadi" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = Save, Exact = true }).ClickAsync();
        await _page.GetByText(Saved).WaitForAsync();
        var post = await _desk.AdminGetAsync($"/v1/admin/posts/{_farsiId}");
        Assert.That(post.GetProperty("author").GetString(), Is.EqualTo("maryam"));
    }
}
