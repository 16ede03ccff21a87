using System.Text;
using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Tests.Documentation;

/// <summary>
/// The README and the docs render as written: every code fence is closed (an open one turns the rest
/// of the page into code), and every relative link names a file that exists and, for a Markdown file,
/// a heading it has.
/// </summary>
public sealed partial class MarkdownTests
{
    /// <summary>README.md and docs/*.md, relative to the repository root.</summary>
    internal static IEnumerable<string> Pages() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(TestRun.RepositoryRoot, "docs"), "*.md")
            .Select(p => Path.GetRelativePath(TestRun.RepositoryRoot, p)).Order(StringComparer.Ordinal));

    [TestCaseSource(nameof(Pages))]
    public void EveryCodeFenceIsClosed(string page)
    {
        var (_, unclosedAt) = Read(page);
        Assert.That(unclosedAt, Is.Null, $"{page}: the code fence opened on line {unclosedAt} is never closed");
    }

    [TestCaseSource(nameof(Pages))]
    public void EveryRelativeLinkResolves(string page)
    {
        var (prose, _) = Read(page);
        var broken = new List<string>();
        foreach (var (line, target) in Links(prose))
        {
            var (path, _, anchor) = target.Partition('#');
            var file = path.Length == 0 ? page : Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path));
            var full = Path.GetFullPath(Path.Combine(TestRun.RepositoryRoot, file));
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"line {line}: {target} (no such file)");
            }
            else if (anchor.Length > 0 && full.EndsWith(".md", StringComparison.Ordinal)
                && !Anchors(Read(Path.GetRelativePath(TestRun.RepositoryRoot, full)).Prose).Contains(Uri.UnescapeDataString(anchor)))
            {
                broken.Add($"line {line}: {target} (no such heading)");
            }
        }

        Assert.That(broken, Is.Empty, page);
    }

    [Test]
    public void ThePagesAreFound() => Assert.That(Pages(), Has.Member("README.md").And.Member(Path.Combine("docs", "configuration.md")));

    /// <summary>The page's lines outside code fences (by number), and the line of a fence left open.</summary>
    private static (List<(int Number, string Text)> Prose, int? UnclosedAt) Read(string page)
    {
        var prose = new List<(int, string)>();
        string? fence = null;
        var openedAt = 0;
        var lines = File.ReadAllLines(Path.Combine(TestRun.RepositoryRoot, page), Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Fence().Match(lines[i]);
            if (fence is null && match.Success)
            {
                (fence, openedAt) = (match.Groups["marks"].Value, i + 1);
            }
            else if (fence is not null && match.Success && match.Groups["marks"].Value.StartsWith(fence, StringComparison.Ordinal)
                && match.Groups["info"].Value.Trim().Length == 0)
            {
                fence = null;
            }
            else if (fence is null)
            {
                prose.Add((i + 1, lines[i]));
            }
        }

        return (prose, fence is null ? null : openedAt);
    }

    private static IEnumerable<(int Line, string Target)> Links(List<(int Number, string Text)> prose) =>
        prose.SelectMany(line => Link().Matches(InlineCode().Replace(line.Text, ""))
            .Select(m => (line.Number, m.Groups["target"].Value)))
            .Where(link => !link.Item2.Contains("://", StringComparison.Ordinal) && !link.Item2.StartsWith("mailto:", StringComparison.Ordinal));

    /// <summary>Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(List<(int Number, string Text)> prose)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in prose)
        {
            if (Heading().Match(text) is { Success: true } heading)
            {
                var anchor = NotInAnchor().Replace(heading.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
                var unique = anchor;
                for (var n = 1; !anchors.Add(unique); n++)
                {
                    unique = $"{anchor}-{n}";
                }
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"^ {0,12}(?<marks>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6} (?<title>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Mn}\p{Nd}\p{Pc} -]")]
    private static partial Regex NotInAnchor();
}

internal static class StringPartition
{
    public static (string Before, bool Found, string After) Partition(this string text, char separator) =>
        text.IndexOf(separator) is >= 0 and var at ? (text[..at], true, text[(at + 1)..]) : (text, false, "");
}
