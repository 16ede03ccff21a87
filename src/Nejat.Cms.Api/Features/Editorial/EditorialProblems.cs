using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The admin API's expected refusals, each saying what is missing; the stable titles of keys, tags, authors and edition documents.</summary>
internal static class EditorialProblems
{
    /// <summary>The title of a 401, written by <see cref="ApiKeyAuthentication"/> (no handler runs without a key).</summary>
    public const string KeyRequiredTitle = "API key required";

    public const string ForbiddenTitle = "Forbidden";

    public static ProblemHttpResult Forbidden(EditorKey key, string what, string needs) =>
        TypedResults.Problem(
            $"{key.Who} (role {key.Role}) may not {what}: that needs {needs}.",
            statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle);

    public static ProblemHttpResult EditionForbidden(EditorKey key, string edition) =>
        TypedResults.Problem(
            $"{key.Who} may not touch edition '{edition}'; it may touch {string.Join(", ", key.Editions ?? [])}.",
            statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle);

    /// <summary>The refusal for a key that is not an editor or admin of <paramref name="edition"/>; null for one that is.</summary>
    public static ProblemHttpResult? UnlessEditorOf(EditorKey key, string edition, string what) =>
        !key.MayTouch(edition) ? EditionForbidden(key, edition)
        : key.Role is Roles.Admin or Roles.Editor ? null
        : Forbidden(key, what, "role editor or admin");

    /// <summary>
    /// The refusal for a change to the shared part of something several editions use (a gallery's items,
    /// a media item's credit, an author's name): it needs the rights on every one of them.
    /// </summary>
    public static ProblemHttpResult SharedForbidden(EditorKey key, string what, IEnumerable<string> editions) =>
        TypedResults.Problem(
            $"{key.Who} may not {what}: editions {string.Join(", ", editions.Order(StringComparer.Ordinal))} use it, "
            + $"and it may touch only {string.Join(", ", key.Editions ?? [])}. Changes that every edition sees need rights in every one of them.",
            statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle);

    /// <summary>A 400 naming each field of a written <paramref name="what"/> that is wrong, e.g. "Invalid tag".</summary>
    public static ValidationProblem Invalid(string what, Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: $"Invalid {what}");

    /// <summary>A workflow move (publish, schedule, …) the post's state does not allow, naming the field at fault.</summary>
    public static ValidationProblem CannotMove(string action, string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: $"Cannot {action}");

    public static ProblemHttpResult UploadTooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

    public static ProblemHttpResult UnsupportedFileType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type");

    public static ProblemHttpResult ApiKeyNotFound(long id) => NotFound("API key not found", $"There is no API key with id {id}.");

    public static ProblemHttpResult TagNotFound(long id) => NotFound("Tag not found", $"There is no tag with id {id}.");

    public static ProblemHttpResult AuthorNotFound(long id) => NotFound("Author not found", $"There is no author with id {id}.");

    public static ProblemHttpResult GalleryNotFound(long id) => NotFound("Gallery not found", $"There is no gallery with id {id}.");

    public static ProblemHttpResult ApiKeyAlreadyRevoked(long id, DateTime revokedAt) =>
        Conflict("API key already revoked", $"API key {id} was revoked at {revokedAt:O}.");

    public static ProblemHttpResult LastAdminKey(long id) =>
        Conflict("Last admin key", $"API key {id} is the last active admin key; create another admin key first.");

    public static ProblemHttpResult SlugTaken(string detail) => Conflict("Slug taken", detail);

    public static ProblemHttpResult TagInUse(string slug, long posts) =>
        Conflict("Tag in use", $"{posts} post(s) carry the tag '{slug}'; delete with ?force=true to take it off them.");

    public static ProblemHttpResult AuthorInUse(string slug, long posts) =>
        Conflict("Author in use", $"{posts} post(s) are by '{slug}'; delete with ?force=true to leave them without an author.");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
