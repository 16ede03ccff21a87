using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>WordPress's texts, slugs and dates as Nejat CMS stores them.</summary>
internal static partial class WordPressText
{
    /// <summary>The text as the service's text rules keep it (vertical tabs and form feeds become newlines); null with the problem when they refuse it.</summary>
    public static string? Clean(string text, string field, out string? problem)
    {
        var clean = TextRules.Clean(text, out var refused);
        problem = clean is null ? $"{field} {refused}" : null;
        return clean;
    }

    /// <summary>A title or name as plain text: tags dropped, entities decoded (WordPress stores "News &amp;amp; Views"), spaces tidied.</summary>
    public static string Plain(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, "")), " ").Trim();

    /// <summary>
    /// The slug WordPress gave something, as Nejat CMS stores slugs: percent-decoded, NFC, without the
    /// __trashed WordPress adds in the trash; when that is not a valid slug (WordPress allows '_'), made
    /// from it the way titles are; from <paramref name="fallbackTitle"/> when WordPress has none yet (drafts).
    /// </summary>
    public static string Slug(string wordPressSlug, string fallbackTitle)
    {
        var decoded = Text.Slug.Canonical(Uri.UnescapeDataString(wordPressSlug.Trim()));
        decoded = decoded.EndsWith("__trashed", StringComparison.Ordinal) ? decoded[..^"__trashed".Length] : decoded;
        if (decoded.Length > 0 && Text.Slug.Problem(decoded) is null)
        {
            return decoded;
        }

        return decoded.Length > 0 ? Text.Slug.FromTitle(decoded) : Text.Slug.FromTitle(fallbackTitle);
    }

    /// <summary>A WordPress GMT date ("2024-03-15 04:45:00"; zeros for none), as UTC.</summary>
    public static DateTime? GmtDate(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>A digest of what WordPress said about something: equal digests, nothing to write.</summary>
    public static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p switch
        {
            null => "\u2400",
            IEnumerable<long> ids => string.Join(',', ids),
            IEnumerable<string> texts => string.Join(',', texts),
            DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        })))));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
