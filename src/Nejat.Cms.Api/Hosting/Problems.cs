using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// The expected client errors, returned (never thrown) as RFC 9457 problem details with stable
/// titles and a detail that names what was not found.
/// </summary>
internal static class Problems
{

    /// <summary>The problems any route can answer, for the OpenAPI document.</summary>
    public static RouteGroupBuilder ProducesServiceProblems(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status500InternalServerError)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static ProblemHttpResult EditionNotFound(string edition) =>
        NotFound("Edition not found", $"There is no edition '{Echo(edition)}'. GET /v1/editions lists them.");

    public static ProblemHttpResult PostNotFound(string edition, string slug) =>
        NotFound("Post not found", $"No published post has the slug '{Echo(slug)}' in edition '{Echo(edition)}'.");

    public static ProblemHttpResult PageNotFound(string edition, string slug) =>
        NotFound("Page not found", $"No published page has the slug '{Echo(slug)}' in edition '{Echo(edition)}'.");

    public static ProblemHttpResult TagNotFound(string edition, string slug) =>
        NotFound("Tag not found", $"No tag has the slug '{Echo(slug)}' in edition '{Echo(edition)}'.");

    public static ProblemHttpResult SitemapNotFound(string edition, string number) =>
        NotFound("Sitemap not found", $"Edition '{Echo(edition)}' has no sitemap file '{Echo(number)}'. GET /v1/{Echo(edition)}/sitemap.xml lists them.");

    public static ProblemHttpResult AuthorNotFound(string slug) =>
        NotFound("Author not found", $"No author has the slug '{Echo(slug)}'.");

    /// <summary>A 400 naming each bad query parameter, or null when there is none.</summary>
    public static ValidationProblem? InvalidQuery(Dictionary<string, string[]> errors) =>
        errors.Count == 0
            ? null
            : TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)), title: "Invalid query parameters");

    public static ProblemHttpResult GalleryNotFound(string edition, string slug) =>
        NotFound("Gallery not found", $"No gallery has the slug '{Echo(slug)}' and a title in edition '{Echo(edition)}'.");

    public static ProblemHttpResult MediaNotFound(long id) =>
        NotFound("Media not found", $"There is no media item with id {id}.");

    public static ProblemHttpResult CollectionNotFound(string collection) =>
        NotFound("Collection not found", $"There is no media collection '{Echo(collection)}'.");

    public static ProblemHttpResult FileNotFound() =>
        NotFound("File not found", "No such file. File URLs come from media items (GET /v1/media).");

    public static ProblemHttpResult ChangeTokenExpired(string edition) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            title: "Change token expired",
            detail: $"Deletions older than this token have been forgotten, so changes since it cannot be listed. Start over: fetch /v1/{Echo(edition)}/changes without since, replace your copy with what it lists, and keep its next token.");

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary>Echoes client input in a detail, shortened: a 5,000-character slug need not come back whole.</summary>
    private static string Echo(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
