using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// Every label of the desk exists in English, Farsi and Arabic (desk/src/i18n.ts): the same keys, none empty,
/// and no Farsi or Arabic label left as its English text. TypeScript checks the keys when the desk is built; this checks the
/// sources as committed, and the words too.
/// </summary>
public sealed partial class DeskLabelsTests
{
    private static readonly string Source = File.ReadAllText(Path.Combine(TestRun.RepositoryRoot, "desk", "src", "i18n.ts"));

    /// <summary>The labels of one dictionary: every line between its opening and its "};" must be one "key: 'text',".</summary>
    private static Dictionary<string, string> Labels(string opening)
    {
        var start = Source.IndexOf(opening, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), opening);
        var end = Source.IndexOf("\n};", start, StringComparison.Ordinal);
        var lines = Source[(start + opening.Length)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var labels = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var match = LabelLine().Match(line);
            Assert.That(match.Success, Is.True, $"not a label line in {opening}: {line}");
            labels.Add(match.Groups["key"].Value, match.Groups["text"].Value);
        }

        return labels;
    }

    [TestCase("fa", "Farsi")]
    [TestCase("ar", "Arabic")]
    public void EveryLabelExistsInEnglishAndInTheRightToLeftLanguages(string code, string language)
    {
        var english = Labels("const en = {");
        var translated = Labels($"const {code}: Record<Label, string> = {{");
        Assert.Multiple(() =>
        {
            Assert.That(english, Has.Count.GreaterThan(100));
            Assert.That(translated.Keys, Is.EquivalentTo(english.Keys));
            Assert.That(english.Where(l => l.Value.Trim().Length == 0).Select(l => l.Key), Is.Empty, "empty English labels");
            Assert.That(translated.Where(l => l.Value.Trim().Length == 0).Select(l => l.Key), Is.Empty, $"empty {language} labels");
            Assert.That(english.Where(l => translated.GetValueOrDefault(l.Key) == l.Value).Select(l => l.Key), Is.Empty, $"{language} labels left in English");
        });
    }

    [GeneratedRegex(@"^\s+(?<key>\w+): '(?<text>(?:[^'\\]|\\.)*)',\r?$")]
    private static partial Regex LabelLine();
}
