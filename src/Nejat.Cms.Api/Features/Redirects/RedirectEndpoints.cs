using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>
/// Where an old URL leads now: kind is post, page, tag, home or media; edition, slug and the site
/// path (relative to Cms__PublicSiteUrl) for content; url is the absolute site URL, or a media item's
/// file URL (with mediaId).
/// </summary>
public sealed record OldUrlTarget(string Kind, string? Edition, string? Slug, string? Path, string Url, long? MediaId);

/// <summary>
/// GET /v1/redirects?url=…: the public answer to any URL of the WordPress site the content came from
/// (recorded by import-wordpress), as a 301 whose Location is the new home and whose body names it.
/// A front end answering a request for a path it does not know asks here before giving a 404.
/// </summary>
internal static class RedirectEndpoints
{
    public static RouteGroupBuilder MapRedirects(this RouteGroupBuilder v1)
    {
        v1.MapGet("/redirects", FindOldUrl)
            .WithName(nameof(FindOldUrl))
            .WithTags("Redirects")
            .WithSummary("Find where a URL of the old WordPress site leads now")
            .WithDescription("Answers 301 with Location set to the new home of an imported site's URL — a post's or page's permalink, ?p= and "
                + "?page_id=, category and tag archives, attachment pages, upload file URLs (any size WordPress made) — and a body naming "
                + "its kind, edition, slug and site path (or the media file URL). Targets are followed by id, so later renames are "
                + "answered with the current slug. Unpublished targets and unknown URLs are a 404. Clients that follow redirects "
                + "automatically (fetch) should ask with redirect: 'manual' to read the body.")
            .Produces<OldUrlTarget>(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static async Task<Results<MovedTo, ProblemHttpResult, ValidationProblem>> FindOldUrl(
        [Description("The old URL: absolute (http://www.example.org/2024/03/slug/) or a path with its query (/?p=12). Percent-encoded or not.")] string? url,
        NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Invalid("url is required: the old site's URL or path, e.g. /2024/03/houses-in-herat/.");
        }

        if (OldUrls.Parse(url.Trim()) is not { } old)
        {
            return Invalid($"url must be an absolute http(s) URL or a path starting with a single /, at most {OldUrls.MaxLength} characters.");
        }

        var candidates = OldUrls.Candidates(old.Path);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<OldUrlRow>(new CommandDefinition(OldUrlRow.LookupSql, new { Paths = candidates, old.Host }, cancellationToken: ct)))
            .Where(r => r.IsPublic)
            .ToArray();
        // The best spelling found; without a host, the same path of two old sites must lead to one place.
        var best = candidates.Select(path => rows.Where(r => r.Path == path).ToArray()).FirstOrDefault(found => found.Length > 0);
        if (best is null)
        {
            return TypedResults.Problem($"No imported page, post, archive or file had the URL '{Echo(url)}', or it is not published.",
                statusCode: StatusCodes.Status404NotFound, title: "Old URL not found");
        }

        var targets = best.Select(row => row.Target(options.Value)).Distinct().ToArray();
        if (targets.Length > 1)
        {
            return Invalid($"The path was on several old sites ({string.Join(", ", best.Select(r => r.Host).Order(StringComparer.Ordinal))}), which lead to different places; give the whole URL with its host.");
        }

        return new MovedTo(targets[0]);
    }

    private static ValidationProblem Invalid(string problem) => Problems.InvalidQuery(new() { ["url"] = [problem] })!;

    private static string Echo(string value) => value.Length <= 200 ? value : value[..200] + "…";

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
}
