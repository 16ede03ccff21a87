using System.Text;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// Builds a result's snippet from the words search_snippet chose: every word HTML-escaped, runs of
/// matching words in one &lt;mark&gt;, an ellipsis where text was cut. Nothing else of the post's
/// HTML survives, so a snippet is safe to insert as HTML.
/// </summary>
internal static class SearchSnippet
{
    private const char Ellipsis = '…';

    public static string Html(IReadOnlyList<string> words, IReadOnlyList<bool> hits, bool cutBefore, bool cutAfter)
    {
        var html = new StringBuilder();
        if (cutBefore && words.Count > 0)
        {
            html.Append(Ellipsis).Append(' ');
        }

        for (var i = 0; i < words.Count; i++)
        {
            var hit = i < hits.Count && hits[i];
            var previousHit = i > 0 && i - 1 < hits.Count && hits[i - 1];
            var nextHit = i + 1 < words.Count && i + 1 < hits.Count && hits[i + 1];
            if (i > 0)
            {
                html.Append(' ');
            }

            if (hit && !previousHit)
            {
                html.Append("<mark>");
            }

            AppendEscaped(html, words[i]);
            if (hit && !nextHit)
            {
                html.Append("</mark>");
            }
        }

        if (cutAfter && words.Count > 0)
        {
            html.Append(' ').Append(Ellipsis);
        }

        return html.ToString();
    }

    // Only the five HTML-significant characters: Farsi, Arabic and Albanian letters stay as they are.
    private static void AppendEscaped(StringBuilder html, string word)
    {
        foreach (var c in word)
        {
            var escaped = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (escaped is null)
            {
                html.Append(c);
            }
            else
            {
                html.Append(escaped);
            }
        }
    }
}
