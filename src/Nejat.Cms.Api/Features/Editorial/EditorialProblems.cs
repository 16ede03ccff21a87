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

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
