using System.Text.Json;
using System.Text.RegularExpressions;
using Nejat.Cms.Api.Import.WordPress;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>
/// Paragraphs as WordPress makes them. The reference is WordPress itself: Fixture/autop-cases.json
/// holds what Debian's WordPress wpautop() made of each input (build-fixture.sh writes it). Both sides
/// go through the sanitiser, as every imported body does, and are compared as rendered HTML: the same
/// elements and text, whitespace between blocks and the empty paragraphs WordPress leaves where it
/// closes a paragraph it never opened aside.
/// </summary>
public sealed partial class AutopTests
{
    public static IEnumerable<TestCaseData> WordPressCases()
    {
        var path = Path.Combine(TestRun.RepositoryRoot, "tests", "Nejat.Cms.Api.Tests", "Import", "WordPress", "Fixture", "autop-cases.json");
        using var cases = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var @case in cases.RootElement.EnumerateArray())
        {
            var input = @case.GetProperty("input").GetString()!;
            yield return new TestCaseData(input, @case.GetProperty("output").GetString()!).SetName($"RendersAsWordPress({Regex.Escape(input)[..Math.Min(40, Regex.Escape(input).Length)]})");
        }
    }

    [TestCaseSource(nameof(WordPressCases))]
    public void RendersAsWordPress(string input, string wordPress) =>
        Assert.That(Rendered(Autop.Paragraphs(input)), Is.EqualTo(Rendered(wordPress)));

    [Test]
    public void ABlankLineEndsAParagraphAndANewlineIsALineBreak() =>
        Assert.That(Autop.Paragraphs("One\nstill one\n\nTwo"), Is.EqualTo("<p>One<br />\nstill one</p>\n<p>Two</p>\n"));

    [Test]
    public void BlocksAreNeverWrappedAndTextInThemStaysBare() =>
        Assert.That(Autop.Paragraphs("<h2>Title</h2>\nText\n<ul>\n<li>a\nb</li>\n</ul>"),
            Is.EqualTo("<h2>Title</h2>\n<p>Text</p>\n<ul>\n<li>a<br />\nb</li>\n</ul>\n"));

    [Test]
    public void PreformattedTextIsLeftAlone() =>
        Assert.That(Autop.Paragraphs("<pre>a\n\n  b</pre>"), Is.EqualTo("<pre>a\n\n  b</pre>\n"));

    [Test]
    public void NothingButWhitespaceIsNothing() => Assert.That(Autop.Paragraphs(" \n\n\t"), Is.Empty);

    private static string Rendered(string html)
    {
        var sanitized = HtmlSanitizing.Sanitize(html);
        sanitized = EmptyParagraph().Replace(sanitized, "");
        sanitized = AroundBlockTags().Replace(sanitized, "$1");
        return Whitespace().Replace(sanitized, " ").Trim();
    }

    [GeneratedRegex(@"<p>\s*</p>")]
    private static partial Regex EmptyParagraph();

    [GeneratedRegex(@"\s*(</?(?:p|div|ul|ol|li|dl|dt|dd|table|tbody|tr|td|th|h[1-6]|blockquote|pre|figure|figcaption|section|hr)\b[^>]*>)\s*")]
    private static partial Regex AroundBlockTags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
