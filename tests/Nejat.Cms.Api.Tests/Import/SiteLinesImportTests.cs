using System.Net;

namespace Nejat.Cms.Api.Tests.Import;

/// <summary>The import's page, settings and navigation lines: written as the admin API would, refused as it would refuse them.</summary>
public sealed class SiteLinesImportTests
{
    private const string About = """{"type":"page","edition":"fa","slug":"درباره-ما","title":"درباره‌ی ما","bodyHtml":"<p onclick=\"steal()\">ما</p><script>steal()</script>","translationKey":"about"}""";

    private const string Settings = """{"type":"settings","edition":"fa","title":"نجات","socialLinks":[{"network":"telegram","url":"https://t.me/nejat"}],"shareTargets":["telegram"]}""";

    private const string Menu = """{"type":"navigation","edition":"fa","items":[{"label":"خانه","link":{"kind":"home"}},{"label":"درباره","link":{"kind":"page","slug":"درباره-ما"}},{"label":"زنان","link":{"kind":"tag","slug":"زنان"}}]}""";

    [Test]
    public async Task PagesSettingsAndMenusAreServedAndASecondRunChangesNothing()
    {
        await using var app = await CmsApp.StartAsync();
        string[] lines = [Seed.Tag("fa", "زنان", "زنان"), Menu, Settings, About];
        await app.SeedAsync(lines);
        var second = await app.ImportAsync(lines);

        var page = await app.GetJsonAsync($"/v1/fa/pages/{Uri.EscapeDataString("درباره-ما")}");
        var settings = await app.GetJsonAsync("/v1/fa/settings");
        var menu = await app.GetJsonAsync("/v1/fa/navigation");
        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("bodyHtml").GetString(), Does.StartWith("<p>ما</p>").And.Not.Contain("<script").And.Not.Contain("onclick"),
                "sanitised as the admin API does");
            Assert.That(settings.GetProperty("socialLinks")[0].GetProperty("url").GetString(), Is.EqualTo("https://t.me/nejat"));
            Assert.That(menu.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()), Is.EqualTo(new[] { "home", "page", "tag" }));
            Assert.That(menu.GetProperty("items")[1].GetProperty("slug").GetString(), Is.EqualTo("درباره-ما"));
            Assert.That(second.Output, Does.Contain("pages            1 lines: 0 new, 0 changed, 1 unchanged").And.Contain("settings and menus: 2 lines, 0 changed"));
        });
    }

    [TestCase("""{"type":"navigation","edition":"fa","items":[{"label":"x","link":{"kind":"page","slug":"نیست"}}]}""",
        "line 1: items[0].link: there is no page 'نیست' in edition fa")]
    [TestCase("""{"type":"navigation","edition":"fa","items":[{"label":"x","link":{"kind":"external","url":"javascript:alert(1)"}}]}""",
        "line 1: items[0].link:")]
    [TestCase("""{"type":"settings","edition":"fa","title":"x","socialLinks":[{"network":"telegram","url":"http://t.me/nejat"}]}""",
        "line 1: socialLinks[0].url:")]
    [TestCase("""{"type":"settings","edition":"fa","title":"x","colour":"red"}""",
        "line 1: unknown property 'colour' for a settings")]
    [TestCase("""{"type":"settings","edition":"xx","title":"x"}""",
        "line 1: settings of unknown edition 'xx'")]
    [TestCase("""{"type":"page","edition":"fa","slug":"a-post","title":"x","status":"scheduled"}""",
        "line 1: a page's status is draft or published")]
    public async Task AnInvalidLineIsRefusedNamingItsProblemAndNothingIsWritten(string line, string problem)
    {
        await using var app = await CmsApp.StartAsync();
        var (exitCode, output) = await app.ImportAsync(line, About);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain(problem).And.Contain("Nothing was imported"));
        });
        await app.GetProblemAsync($"/v1/fa/pages/{Uri.EscapeDataString("درباره-ما")}", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task APageCannotTakeAPostsSlug()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Seed.Post("fa", "همان"));
        var (exitCode, output) = await app.ImportAsync("""{"type":"page","edition":"fa","slug":"همان","title":"x"}""");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain("line 1: slug 'همان' is a post's in edition fa"));
        });
    }
}
