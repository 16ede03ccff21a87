using Nejat.Cms.Api.Import;
using Nejat.Cms.Api.Startup;

namespace Nejat.Cms.Api.Tests.Import;

/// <summary>
/// The sample content `import --sample` loads: it imports cleanly, a second run changes nothing, and
/// the README walkthrough's reads answer with content.
/// </summary>
public sealed class SampleContentTests
{
    private CmsApp _app = null!;
    private string _firstRun = "";
    private string _secondRun = "";

    [OneTimeSetUp]
    public async Task ImportTheSampleTwice()
    {
        _app = await CmsApp.StartAsync();
        _firstRun = await ImportSampleAsync();
        _secondRun = await ImportSampleAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<string> ImportSampleAsync()
    {
        using var output = new StringWriter();
        var exitCode = await ImportCommand.RunAsync(["import", Commands.SampleFile], _app.ConnectionString, output);
        Assert.That(exitCode, Is.EqualTo(0), output.ToString());
        return output.ToString();
    }

    [Test]
    public void ASecondImportChangesNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_firstRun, Does.Match(@"posts\s+18 lines: 18 new"));
            Assert.That(_secondRun, Does.Match(@"posts\s+18 lines: 0 new, 0 changed, 18 unchanged"));
            Assert.That(_secondRun, Does.Match(@"tags\s+14 lines: 0 new, 0 changed, 14 unchanged"));
        });
    }

    [TestCase("en")]
    [TestCase("ar")]
    [TestCase("fa")]
    [TestCase("sq")]
    public async Task EveryEditionHasPostsAndTags(string edition)
    {
        var posts = await _app.GetJsonAsync($"/v1/{edition}/posts");
        var tags = await _app.GetJsonAsync($"/v1/{edition}/tags");
        Assert.Multiple(() =>
        {
            Assert.That(posts.GetProperty("items").GetArrayLength(), Is.GreaterThanOrEqualTo(3));
            Assert.That(tags.GetProperty("items").GetArrayLength(), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task TheWalkthroughsFarsiPostHasItsTranslationsAndAVideo()
    {
        // The README's example: a Unicode slug with a zero-width non-joiner, percent-encoded in the URL.
        var post = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString("گزارش-حقوق-زنان-۲۰۲۴")}");
        var translations = post.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("edition").GetString()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("title").GetString(), Does.StartWith("گزارش حقوق زنان"));
            Assert.That(post.GetProperty("bodyHtml").GetString(), Does.Contain("youtube-nocookie.com/embed/").And.Contain("سالانه\u200cی"));
            Assert.That(translations, Is.EquivalentTo(new[] { "en", "ar", "sq" }));
        });
    }

    [Test]
    public async Task FeedsSearchAndArchivesAnswerWithContent()
    {
        var feed = await _app.GetJsonAsync("/v1/fa/feed.json");
        var search = await _app.GetJsonAsync($"/v1/en/search?q={Uri.EscapeDataString("refugees")}");
        var archives = await _app.GetJsonAsync("/v1/fa/archives");
        var authors = await _app.GetJsonAsync("/v1/authors");
        Assert.Multiple(() =>
        {
            Assert.That(feed.GetProperty("items").GetArrayLength(), Is.GreaterThanOrEqualTo(3));
            Assert.That(search.GetProperty("items").GetArrayLength(), Is.GreaterThanOrEqualTo(1));
            Assert.That(archives.GetProperty("months").GetArrayLength(), Is.GreaterThanOrEqualTo(3));
            Assert.That(authors.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
        });
    }

    [TestCase("en", "about-us", "contact")]
    [TestCase("ar", "من-نحن", "اتصل-بنا")]
    [TestCase("fa", "درباره-ما", "تماس-با-ما")]
    [TestCase("sq", "rreth-nesh", "kontakt")]
    public async Task EveryEditionHasItsPagesSettingsAndMenu(string edition, string about, string contact)
    {
        var aboutPage = await _app.GetJsonAsync($"/v1/{edition}/pages/{Uri.EscapeDataString(about)}");
        var settings = await _app.GetJsonAsync($"/v1/{edition}/settings");
        var menu = await _app.GetJsonAsync($"/v1/{edition}/navigation");
        var items = menu.GetProperty("items").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(aboutPage.GetProperty("translations").GetArrayLength(), Is.EqualTo(3));
            Assert.That(settings.GetProperty("socialLinks").GetArrayLength(), Is.GreaterThanOrEqualTo(3));
            Assert.That(settings.GetProperty("title").GetString(), Is.Not.Empty);
            // Home, Articles, Media (4), Publications (3), About Us, Contact us: the pages resolve to their slugs.
            Assert.That(items, Has.Length.EqualTo(6));
            Assert.That(items[2].GetProperty("children").GetArrayLength(), Is.EqualTo(4));
            Assert.That(items[3].GetProperty("children").GetArrayLength(), Is.EqualTo(3));
            Assert.That(items[4].GetProperty("slug").GetString(), Is.EqualTo(about));
            Assert.That(items[5].GetProperty("slug").GetString(), Is.EqualTo(contact));
        });
    }

    [Test]
    public void ASecondImportLeavesPagesSettingsAndMenusAlone() =>
        Assert.That(_secondRun, Does.Match(@"pages\s+8 lines: 0 new, 0 changed, 8 unchanged").And.Contain("settings and menus: 8 lines, 0 changed"));

    /// <summary>
    /// Every public read the README and docs/ show as a curl command answers on the sample content as it says:
    /// 2xx (with content where it is a list), or the status its comment names.
    /// </summary>
    [TestCaseSource(nameof(DocumentedReads))]
    public async Task EveryDocumentedReadAnswersOnTheSample(string file, string url, int expected, bool listsSomething)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expected), $"{file}: GET {url}: {body}");
        if (listsSomething && expected == 200 && response.Content.Headers.ContentType?.MediaType == "application/json"
            && System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(body) is { ValueKind: System.Text.Json.JsonValueKind.Object } json
            && json.TryGetProperty("items", out var listed))
        {
            Assert.That(listed.GetArrayLength(), Is.Positive, $"{file}: GET {url} lists nothing on the sample");
        }
    }

    private static IEnumerable<TestCaseData> DocumentedReads() => Documentation.DocumentedCurl.PublicReads()
        .Select(read => new TestCaseData(read.File, read.Url, read.Expected, read.ListsSomething).SetArgDisplayNames(read.File, read.Url));
}
