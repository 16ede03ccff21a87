using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Features.Redirects;

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
        [AsParameters] OldUrlQuery query, OldUrlLookup lookup, CancellationToken ct) =>
        query.Invalid(out var old) is { } invalid ? invalid : await lookup.FindAsync(old, query.Url!, ct);
}
