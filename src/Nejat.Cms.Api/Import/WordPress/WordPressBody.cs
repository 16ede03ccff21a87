using System.Net;
using System.Text.RegularExpressions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>What a link in a body turned out to be: not the old site's, found (Url is its new home), or the old site's but unknown.</summary>
internal enum LinkOutcome
{
    Elsewhere,
    Found,
    NotFound,
}

/// <summary>What a body's conversion needs from the import: where old links lead, and the galleries its [gallery] shortcodes become.</summary>
internal interface IBodyContext
{
    /// <summary>The new URL of a link (href or src, entities decoded) and whether it was the old site's.</summary>
    (LinkOutcome Outcome, string Url) Link(string url);

    /// <summary>The attachments a [gallery] without ids shows: those uploaded to the post, in their menu order.</summary>
    IReadOnlyList<long> ChildAttachments();

    /// <summary>The HTML of the post's next gallery, made of these attachments; null when none of them was imported.</summary>
    string? Gallery(IReadOnlyList<long> attachmentIds);
}

/// <summary>A converted body and what the report needs from it.</summary>
internal sealed record ConvertedBody(string Html, IReadOnlyList<string> UnknownShortcodes, IReadOnlyList<string> UnresolvedLinks);

/// <summary>
/// A post's content as WordPress renders it, then as Nejat CMS stores it: block-editor comments gone
/// (and then no automatic paragraphs, as WordPress skips them for block content); links to the old
/// site's posts, pages, archives and uploads pointed at their new homes; a YouTube or Vimeo URL alone
/// on a line, or in [embed], made a player; [caption] a figure with its figcaption; [gallery] a Nejat
/// gallery; other shortcodes kept as text (and reported); paragraphs by <see cref="Autop"/>; then the
/// sanitiser every body goes through.
/// </summary>
internal static partial class WordPressBody
{
    public static ConvertedBody Convert(string content, IBodyContext context)
    {
        var unknown = new List<string>();
        var unresolved = new List<string>();
        var blocks = content.Contains("<!-- wp:", StringComparison.Ordinal);
        // Block delimiters stand between blocks: the blank lines around them go too.
        var html = Comment().Replace(BlockDelimiter().Replace(content.Replace("\r\n", "\n", StringComparison.Ordinal), "\n"), "").Trim('\n');
        html = RewriteLinks(html, context, unresolved);
        html = AutoEmbed(html);
        html = Shortcodes.Replace(html, shortcode => shortcode.Name switch
        {
            "caption" or "wp_caption" => Caption(shortcode),
            "gallery" => Gallery(shortcode, context),
            "embed" => Embed(shortcode.Content?.Trim() ?? ""),
            _ => Unknown(shortcode, unknown),
        });
        if (!blocks)
        {
            html = Autop.Paragraphs(html);
        }

        return new ConvertedBody(HtmlSanitizing.Sanitize(html), unknown, unresolved);
    }

    /// <summary>The player of a YouTube or Vimeo page URL, or null for any other URL.</summary>
    public static string? VideoPlayer(string url) =>
        ExternalVideos.Parse(url, []) is { } video
            ? $"<iframe src=\"{WebUtility.HtmlEncode(video.EmbedUrl)}\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen></iframe>"
            : null;

    private static string RewriteLinks(string html, IBodyContext context, List<string> unresolved) =>
        Tag().Replace(html, tag => LinkAttribute().Replace(tag.Value, attribute =>
        {
            var value = attribute.Groups["value"];
            var url = WebUtility.HtmlDecode(value.Value).Trim();
            var (outcome, rewritten) = context.Link(url);
            if (outcome == LinkOutcome.NotFound)
            {
                unresolved.Add(url);
            }

            if (outcome != LinkOutcome.Found)
            {
                return attribute.Value;
            }

            var quote = attribute.Groups["quote"].Value;
            return $"{attribute.Groups["name"].Value}{(quote.Length == 0 ? "\"" : quote)}{WebUtility.HtmlEncode(rewritten)}{(quote.Length == 0 ? "\"" : quote)}";
        }));

    // A URL alone on a line, or alone in a paragraph, becomes a player when it is a video's page.
    private static string AutoEmbed(string html) =>
        UrlInParagraph().Replace(UrlOnLine().Replace(html, Player), Player);

    private static string Player(Match match) =>
        VideoPlayer(match.Groups["url"].Value) is { } player ? match.Groups["before"].Value + player + match.Groups["after"].Value : match.Value;

    private static string Embed(string url) =>
        VideoPlayer(url) ?? $"<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a>";

    /// <summary>[caption]&lt;img …&gt; Text[/caption], or the older caption="Text" attribute: a figure.</summary>
    private static string? Caption(Shortcode shortcode)
    {
        if (shortcode.Content is null || ImageThenText().Match(shortcode.Content) is not { Success: true } parts)
        {
            return null;
        }

        var text = shortcode.Attributes.TryGetValue("caption", out var attribute) ? attribute : parts.Groups["text"].Value.Trim();
        return text.Length == 0
            ? $"<figure>{parts.Groups["image"].Value.Trim()}</figure>"
            : $"<figure>{parts.Groups["image"].Value.Trim()}<figcaption>{text}</figcaption></figure>";
    }

    /// <summary>[gallery ids="1,2,3"] (or include=…), or without ids the post's own attachments less exclude=….</summary>
    private static string Gallery(Shortcode shortcode, IBodyContext context)
    {
        static long[] Ids(string? list) => (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(id => id > 0).Distinct().ToArray();

        var ids = Ids(shortcode.Attributes.GetValueOrDefault("ids") ?? shortcode.Attributes.GetValueOrDefault("include"));
        if (ids.Length == 0)
        {
            var excluded = Ids(shortcode.Attributes.GetValueOrDefault("exclude"));
            ids = context.ChildAttachments().Where(id => !excluded.Contains(id)).ToArray();
        }

        return context.Gallery(ids) ?? "";
    }

    private static string? Unknown(Shortcode shortcode, List<string> unknown)
    {
        unknown.Add(shortcode.Name);
        return null;
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"(\s*<!--\s*/?wp:.*?-->)+\s*", RegexOptions.Singleline)]
    private static partial Regex BlockDelimiter();

    [GeneratedRegex(@"<[a-zA-Z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>\s(?:href|src)\s*=\s*)(?:(?<quote>[""'])(?<value>.*?)\k<quote>|(?<value>[^\s""'>]+))", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkAttribute();

    [GeneratedRegex(@"^(?<before>[ \t]*)(?<url>https?://[^\s<>""]+)(?<after>[ \t]*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex UrlOnLine();

    [GeneratedRegex(@"(?<before><p(?:\s[^>]*)?>\s*)(?<url>https?://[^\s<>""]+)(?<after>\s*</p>)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlInParagraph();

    [GeneratedRegex(@"^\s*(?<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>\s*(?:</a>)?)(?<text>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ImageThenText();
}
