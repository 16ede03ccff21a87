using System.Text;
using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Tests.Documentation;

/// <summary>
/// The public reads the README and docs/ show as one-line curl commands (no key, no other method), as
/// URLs with their query encoded as curl's -G/--data-urlencode/-d would, and the status a trailing
/// comment names ("# 400: …"), else 200; whether it should list something (unless its comment says "no hits").
/// </summary>
internal static partial class DocumentedCurl
{
    public sealed record Read(string File, string Url, int Expected, bool ListsSomething);

    public static IEnumerable<Read> PublicReads()
    {
        foreach (var page in MarkdownTests.Pages())
        {
            // A read after a write in the same code block reads what the write made (an upload's id, say): not the sample's.
            var afterWrite = false;
            foreach (var line in File.ReadLines(Path.Combine(TestRun.RepositoryRoot, page), Encoding.UTF8))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    afterWrite = false;
                    continue;
                }

                if (Command().Match(line) is not { Success: true } command)
                {
                    afterWrite |= line.Contains("curl ", StringComparison.Ordinal);
                    continue;
                }

                var arguments = command.Groups["options"].Value + command.Groups["rest"].Value;
                afterWrite |= Write().IsMatch(arguments);
                if (afterWrite || arguments.Contains(" -H", StringComparison.Ordinal))
                {
                    continue; // a conditional read (If-None-Match) is not a plain one either
                }

                var url = command.Groups["url"].Value;
                var query = Data().Matches(command.Groups["rest"].Value)
                    .Select(d => d.Groups["encode"].Success
                        ? $"{d.Groups["name"].Value}={Uri.EscapeDataString(d.Groups["value"].Value)}"
                        : $"{d.Groups["name"].Value}={d.Groups["value"].Value}")
                    .ToArray();
                if (query.Length > 0)
                {
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query);
                }

                var comment = command.Groups["rest"].Value.Partition('#').After;
                var expected = Status().Match(comment) is { Success: true } status ? int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 200;
                yield return new Read(page, url, expected, ListsSomething: !comment.Contains("no hits", StringComparison.Ordinal));
            }
        }
    }

    // curl, its options, the URL (quoted or not), then the rest of the line (data options and the comment).
    [GeneratedRegex(@"^\s*(?:\d+\.\s+)?curl(?<options>(?:\s+-[A-Za-z]+)*)\s+'?(?:http://)?localhost:5000(?<url>/v1/[^'\s]*)'?(?<rest>.*)$")]
    private static partial Regex Command();

    [GeneratedRegex(@"(?:--data-urlencode(?<encode>)|-d)\s+(?:'(?<name>[A-Za-z]+)=(?<value>[^']*)'|(?<name>[A-Za-z]+)=(?<value>\S*))")]
    private static partial Regex Data();

    // A key, another method, a form or a JSON body.
    [GeneratedRegex(@"\s(-X|-F|-d\s+'\{)|Authorization")]
    private static partial Regex Write();

    [GeneratedRegex(@"^\s*(\d{3})\b")]
    private static partial Regex Status();
}
