using System.Globalization;
using System.Text.RegularExpressions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Redirects;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// What an old URL shows in Nejat CMS: a post or page, a tag or an edition's home (by edition and
/// slug), or a media item. Site and Ref name the WordPress item the import makes it from (null for
/// URLs imported earlier, read back from old_urls); Media is null for an attachment a dry run has not stored.
/// </summary>
internal sealed record Destination(string Kind, string? Edition, string? Slug, string? Site, string? Ref, MediaRow? Media);

/// <summary>
/// Every URL of the old sites the import knows, and where each leads: those of earlier imports (from
/// old_urls) and this run's. Links in bodies and menus are rewritten through it; this run's URLs are
/// what old_urls gets.
/// </summary>
internal sealed partial class OldSiteLinks(CmsOptions cms)
{
    private readonly Dictionary<(string Host, string Path), Destination> _known = [];
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _recorded = [];

    /// <summary>This run's URLs (once each), to be written to old_urls.</summary>
    public List<(string Host, string Path, Destination Target, string Site)> Recorded { get; } = [];

    public void AddEarlier(OldUrlRow row)
    {
        _hosts.Add(row.Host);
        _known[(row.Host, row.Path)] = new Destination(row.TargetKind, row.Edition, row.Slug, null, null, row.Media);
    }

    public void AddSite(SiteData site)
    {
        _hosts.Add(site.Host);
        if (Uri.TryCreate(site.Header.BaseSiteUrl, UriKind.Absolute, out var network))
        {
            _hosts.Add(OldUrls.Host(network));
        }
    }

    /// <summary>Records that an absolute URL of the site leads to the target (the first target recorded for a URL keeps it).</summary>
    public void Record(SiteData site, string url, Destination target)
    {
        if (OldUrls.Parse(url) is not { Host: { } host } old)
        {
            return;
        }

        _hosts.Add(host);
        if (_recorded.Add((host, old.Path)))
        {
            _known[(host, old.Path)] = target;
            Recorded.Add((host, old.Path, target, site.Key));
        }
    }

    /// <summary>Where a link found in the site's content leads: elsewhere (not an old site's), found, or an old site's URL nobody knows.</summary>
    public (LinkOutcome Outcome, Destination? Target, string Url) Find(string url, SiteData site)
    {
        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt < 0 ? "" : url[fragmentAt..];
        var address = fragmentAt < 0 ? url : url[..fragmentAt];
        string host, pathAndQuery;
        if (address.StartsWith("//", StringComparison.Ordinal))
        {
            address = site.Home.Scheme + ":" + address;
        }

        if (address.StartsWith('/'))
        {
            (host, pathAndQuery) = (site.Host, address);
        }
        else if (address.StartsWith('?'))
        {
            (host, pathAndQuery) = (site.Host, site.Home.AbsolutePath + address);
        }
        else if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && _hosts.Contains(OldUrls.Host(uri)))
        {
            (host, pathAndQuery) = (OldUrls.Host(uri), uri.PathAndQuery);
        }
        else
        {
            return (LinkOutcome.Elsewhere, null, url);
        }

        if (OldUrls.Key(pathAndQuery) is not { } key)
        {
            return (LinkOutcome.NotFound, null, url);
        }

        foreach (var candidate in OldUrls.Candidates(key))
        {
            if (_known.TryGetValue((host, candidate), out var target))
            {
                return (LinkOutcome.Found, target, NewUrl(target, key, url) + fragment);
            }
        }

        return (LinkOutcome.NotFound, null, url);
    }

    /// <summary>The site path of a post, page, tag or home; a media item's file URL (the rendition nearest the width an upload's -300x200 name asks for).</summary>
    private string NewUrl(Destination target, string key, string original) => target.Kind switch
    {
        "media" when target.Media is not { } => original,
        "media" => MediaUrl(target.Media!, key),
        _ => cms.Path(RedirectMapping.SiteTargetOf(target.Kind), target.Edition!, target.Slug),
    };

    private static string MediaUrl(MediaRow media, string key)
    {
        if (SizedUpload().Match(key) is { Success: true } sized
            && int.TryParse(sized.Groups["width"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && MediaUrls.Renditions(media).Where(r => r.Type == media.ContentType && r.Width >= width).MinBy(r => r.Width) is { } rendition)
        {
            return rendition.Url;
        }

        return MediaUrls.File(media) ?? key;
    }

    [GeneratedRegex(@"-(?<width>[0-9]{1,5})x[0-9]{1,5}\.[A-Za-z0-9]+$")]
    private static partial Regex SizedUpload();
}
