using Ganss.Xss;

namespace Nejat.Cms.Api.Text;

/// <summary>
/// Post bodies keep an allow-list of tags and attributes (HtmlSanitizer, on AngleSharp's HTML5
/// parser): no scripts, event handlers, javascript: URLs or unknown tags; iframes only from video hosts.
/// </summary>
internal static class HtmlSanitizing
{
    private static readonly string[] Tags =
    [
        "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
        "a", "img", "figure", "figcaption", "blockquote", "q", "cite", "code", "pre", "hr", "span", "div",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "iframe", "bdi", "bdo", "abbr", "time",
    ];

    // dir and lang keep mixed right-to-left and left-to-right text readable.
    private static readonly string[] Attributes =
    [
        "href", "title", "src", "alt", "width", "height", "dir", "lang", "colspan", "rowspan", "scope",
        "datetime", "cite", "allowfullscreen", "frameborder", "loading",
    ];

    private static readonly string[] VideoHosts =
    [
        "https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/",
    ];

    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite"], StringComparer.OrdinalIgnoreCase),
        });
        // An unknown wrapper (section, font, center …) goes, but the text inside it stays.
        sanitizer.KeepChildNodes = true;
        sanitizer.FilterUrl += (_, e) =>
        {
            // An iframe may only embed a player from the allow-listed video hosts.
            if (e.Tag.NodeName.Equals("IFRAME", StringComparison.OrdinalIgnoreCase)
                && (!VideoHosts.Any(host => e.OriginalUrl.StartsWith(host, StringComparison.OrdinalIgnoreCase))
                    || e.OriginalUrl.Contains("..", StringComparison.Ordinal) || e.OriginalUrl.Contains('%', StringComparison.Ordinal)))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Tag.NodeName.Equals("IFRAME", StringComparison.OrdinalIgnoreCase) && e.Attribute.Name == "src")
            {
                e.Tag.Remove();
            }
        };
        return sanitizer;
    }
}
