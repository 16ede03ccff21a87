using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The admin API's expected refusals, each saying what is missing.</summary>
internal static class EditorialProblems
{
    public static ProblemHttpResult Forbidden(EditorKey key, string what, string needs) =>
        TypedResults.Problem(
            $"The key '{key.Name}' (role {key.Role}) may not {what}: that needs {needs}.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult EditionForbidden(EditorKey key, string edition) =>
        TypedResults.Problem(
            $"The key '{key.Name}' may not touch edition '{edition}'; it may touch {string.Join(", ", key.Editions ?? [])}.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    /// <summary>
    /// The refusal for a change to the shared part of something several editions use (a gallery's items,
    /// a media item's credit, an author's name): it needs the rights on every one of them.
    /// </summary>
    public static ProblemHttpResult SharedForbidden(EditorKey key, string what, IEnumerable<string> editions) =>
        TypedResults.Problem(
            $"The key '{key.Name}' may not {what}: editions {string.Join(", ", editions.Order(StringComparer.Ordinal))} use it, "
            + $"and the key may touch only {string.Join(", ", key.Editions ?? [])}. Changes that every edition sees need rights in every one of them.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
