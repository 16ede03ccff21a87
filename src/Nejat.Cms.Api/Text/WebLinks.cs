namespace Nejat.Cms.Api.Text;

/// <summary>
/// Links editors type into menus and settings, checked and stored in one unambiguous spelling:
/// absolute http(s) URLs to a host (no user name or password in them), or paths of the public site.
/// Spaces, quotes, non-ASCII letters and the like are percent-encoded, and a backslash is read as a
/// slash, as browsers read it, so what is stored is exactly what every reader will follow.
/// </summary>
internal static class WebLinks
{
    public const int MaxLength = 2000;
    private static readonly Uri AnySite = new("https://site.invalid");

    /// <summary>The URL as stored, or null with <paramref name="problem"/> saying why it is refused.</summary>
    public static string? Absolute(string? url, bool httpsOnly, out string? problem)
    {
        problem = $"url must be an absolute {(httpsOnly ? "https://" : "http(s)://")} URL of a host, at most {MaxLength} characters.";
        if (url is null || url.Length > MaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || !httpsOnly && uri.Scheme == Uri.UriSchemeHttp)
            || uri.Host.Length == 0 || uri.UserInfo.Length > 0 || uri.AbsoluteUri.Length > MaxLength)
        {
            return null;
        }

        problem = null;
        return uri.AbsoluteUri;
    }

    /// <summary>A path of the public site ("/fa/about?x=1#y") as stored, or null with <paramref name="problem"/>.</summary>
    public static string? SitePath(string? path, out string? problem)
    {
        problem = $"url must be a path of the site, starting with a single /, at most {MaxLength} characters.";
        // "//host" and "/\host" would leave the site in a browser.
        if (path is null || path.Length > MaxLength || !path.StartsWith('/') || path.Length > 1 && path[1] is '/' or '\\'
            || !Uri.TryCreate(AnySite, path, out var uri) || uri.Host != AnySite.Host)
        {
            return null;
        }

        problem = null;
        var stored = uri.PathAndQuery + uri.Fragment;
        return stored.Length <= MaxLength ? stored : null;
    }
}
