using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>
/// Where an old URL leads now: kind is post, page, tag, home or media; edition, slug and the site
/// path (relative to Cms__PublicSiteUrl) for content; url is the absolute site URL, or a media item's
/// file URL (with mediaId).
/// </summary>
public sealed record OldUrlTarget(string Kind, string? Edition, string? Slug, string? Path, string Url, long? MediaId);

/// <summary>The 301: Location is the new home, the body says what it is (so does a cached copy).</summary>
internal sealed class MovedTo(OldUrlTarget target) : IResult
{
    public OldUrlTarget Target => target;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        httpContext.Response.Headers.Location = target.Url;
        return httpContext.Response.WriteAsJsonAsync(target, JsonBody.Options(httpContext), httpContext.RequestAborted);
    }
}
