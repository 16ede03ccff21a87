using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Recognises a video page URL and derives what a front end needs, without any network call:
/// YouTube (privacy-enhanced embed, poster from i.ytimg.com), Vimeo (player embed; Vimeo gives
/// posters only through its API, so none), and hosts of <c>Cms__VideoHosts</c> (embedded as given).
/// </summary>
internal static partial class ExternalVideos
{
    public static ExternalVideo? Parse(string url, IReadOnlyCollection<string> allowedHosts)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var path = uri.AbsolutePath;
        var youTubeId = host switch
        {
            "youtu.be" => FirstSegment(path),
            "youtube.com" or "www.youtube.com" or "m.youtube.com" or "www.youtube-nocookie.com" or "youtube-nocookie.com" =>
                path == "/watch" ? QueryValue(uri, "v") : YouTubePathPattern().Match(path) is { Success: true } m ? m.Groups["id"].Value : null,
            _ => null,
        };
        if (youTubeId is not null)
        {
            return YouTubeIdPattern().IsMatch(youTubeId)
                ? new ExternalVideo("youtube", youTubeId, url.Trim(), $"https://www.youtube-nocookie.com/embed/{youTubeId}", $"https://i.ytimg.com/vi/{youTubeId}/hqdefault.jpg")
                : null;
        }

        if (host is "vimeo.com" or "www.vimeo.com" or "player.vimeo.com")
        {
            return VimeoPathPattern().Match(path) is { Success: true } vimeo
                ? new ExternalVideo("vimeo", vimeo.Groups["id"].Value, url.Trim(), $"https://player.vimeo.com/video/{vimeo.Groups["id"].Value}", null)
                : null;
        }

        return uri.Scheme == "https" && allowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase) && path.Length > 1
            ? new ExternalVideo(host, uri.PathAndQuery, uri.AbsoluteUri, uri.AbsoluteUri, null)
            : null;
    }

    private static string FirstSegment(string path) => path.Trim('/').Split('/')[0];

    private static string? QueryValue(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeIdPattern();

    [GeneratedRegex("^/(embed|shorts|live|v)/(?<id>[^/]+)/?$")]
    private static partial Regex YouTubePathPattern();

    // vimeo.com/123, vimeo.com/channels/staffpicks/123, player.vimeo.com/video/123
    [GeneratedRegex("^/(?:video/|channels/[^/]+/|groups/[^/]+/videos/)?(?<id>[0-9]{1,12})/?$")]
    private static partial Regex VimeoPathPattern();
}
