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
            Assert.That(_firstRun, Does.Match(@"posts\s+15 lines: 15 new"));
            Assert.That(_secondRun, Does.Match(@"posts\s+15 lines: 0 new, 0 changed, 15 unchanged"));
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
}
