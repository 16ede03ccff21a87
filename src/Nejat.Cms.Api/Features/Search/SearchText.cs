using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// The words of a post's HTML body as search_text (Database/Migrations/0010_search.sql) reads them when
/// it indexes the post: tags dropped, the entities the sanitiser writes decoded. Snippets read bodies this
/// way in the service: PostgreSQL's regular expressions took 0.1–0.3 ms a body, on every search.
/// SearchSnippetsTests checks that both give the same text.
/// </summary>
internal static partial class SearchText
{
    public static string FromHtml(string html) => Tag().Replace(html, " ")
        .Replace("&nbsp;", " ", StringComparison.Ordinal)
        .Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&quot;", "\"", StringComparison.Ordinal)
        .Replace("&#39;", "'", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
