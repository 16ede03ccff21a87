using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>An old URL as old_urls keys it: the site's host (null when only a path was given) and the path key.</summary>
internal readonly record struct OldUrl(string? Host, string Path);

/// <summary>
/// How old URLs are spelt for storing and looking up, so that every way a browser, a search engine or
/// a link in an old post writes the same WordPress URL finds it: the host in lower case without
/// "www." (and with its port when not the default); the path percent-decoded, in NFC, without
/// "/index.php" (PATHINFO permalinks) and without a trailing slash; and of the query only the one
/// parameter WordPress routes by (p, page_id, attachment_id, cat or tag), e.g. /?p=12. The import
/// and the public lookup both spell URLs here.
/// </summary>
internal static partial class OldUrls
{
    public const int MaxLength = 2000;

    // In WordPress's order of precedence when a URL carries several.
    private static readonly string[] RoutingParameters = ["p", "page_id", "attachment_id", "cat", "tag"];

    /// <summary>An absolute http(s) URL or a path starting with one '/'; null when it is neither or too long.</summary>
    public static OldUrl? Parse(string url)
    {
        if (url.Length > MaxLength)
        {
            return null;
        }

        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return Key(url) is { } path ? new OldUrl(null, path) : null;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            && Key(uri.PathAndQuery) is { } absolutePath
            ? new OldUrl(Host(uri), absolutePath)
            : null;
    }

    /// <summary>The host part of the key: lower case, without a leading "www.", with a port other than the scheme's own.</summary>
    public static string Host(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The path key of a path with its query (and fragment, dropped); null when it cannot be one.</summary>
    public static string? Key(string pathAndQuery)
    {
        var end = pathAndQuery.IndexOf('#', StringComparison.Ordinal);
        var text = end < 0 ? pathAndQuery : pathAndQuery[..end];
        var queryStart = text.IndexOf('?', StringComparison.Ordinal);
        var path = Decode(queryStart < 0 ? text : text[..queryStart]);
        if (!path.StartsWith('/'))
        {
            return null;
        }

        if (path == "/index.php" || path.StartsWith("/index.php/", StringComparison.Ordinal))
        {
            path = path["/index.php".Length..];
        }

        path = path.TrimEnd('/');
        var routed = queryStart < 0 ? null : RoutingParameter(text[(queryStart + 1)..]);
        var key = routed is null ? (path.Length == 0 ? "/" : path) : $"{(path.Length == 0 ? "/" : path)}?{routed}";
        return key.Length <= MaxLength ? key : null;
    }

    /// <summary>
    /// Keys to try, best first, for a URL that may not have been recorded as it is: the key itself;
    /// then without a page number (/page/2, a post's /2), a feed, AMP, embed or trackback suffix; and
    /// an upload without the -300x200 or -scaled suffix WordPress gives the sizes it makes.
    /// </summary>
    public static string[] Candidates(string key)
    {
        if (key.Contains('?', StringComparison.Ordinal))
        {
            return [key];
        }

        var candidates = new List<string> { key };
        void Add(string? path)
        {
            if (path is { Length: > 0 } && !candidates.Contains(path))
            {
                candidates.Add(path);
            }
        }

        if (ArchiveSuffix().Match(key) is { Success: true } suffix)
        {
            Add(suffix.Groups["path"].Value);
        }

        if (UploadSizeSuffix().Match(key) is { Success: true } size)
        {
            Add(size.Groups["name"].Value + size.Groups["ext"].Value);
        }

        return candidates.ToArray();
    }

    private static string? RoutingParameter(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..].Replace('+', ' '));
            if (RoutingParameters.Contains(name, StringComparer.Ordinal) && value.Length > 0)
            {
                values.TryAdd(name, value);
            }
        }

        foreach (var name in RoutingParameters)
        {
            if (values.TryGetValue(name, out var value) && (name == "tag" || value.All(char.IsAsciiDigit)))
            {
                return $"{name}={(name == "tag" ? value.ToLowerInvariant() : value.TrimStart('0'))}";
            }
        }

        return null;
    }

    // Invalid percent-escapes and bytes that are not UTF-8 stay as they were written.
    private static string Decode(string text) =>
        (text.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(text) : text).Normalize(NormalizationForm.FormC);

    [GeneratedRegex(@"^(?<path>/.+?)(/page/[0-9]+|/[0-9]+|/feed(/[a-z0-9]+)?|/amp|/embed|/trackback)$")]
    private static partial Regex ArchiveSuffix();

    [GeneratedRegex(@"^(?<name>/(.*/)?wp-content/uploads/.+?)(-[0-9]+x[0-9]+|-scaled|-scaled-[0-9]+x[0-9]+)(?<ext>\.[A-Za-z0-9]+)$")]
    private static partial Regex UploadSizeSuffix();
}
