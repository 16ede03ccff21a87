using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Optimistic concurrency for admin writes: responses carry the resource's version as a strong ETag,
/// and writes must send it back in If-Match (RFC 9110): missing is 428, stale is 412.
/// </summary>
internal static class Versions
{
    /// <summary>The problems of a write to an existing versioned resource, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = ETag(version);

    /// <summary>The version the client read, from If-Match; or the problem to answer instead.</summary>
    public static ProblemHttpResult? Expected(HttpRequest request, out int version)
    {
        version = 0;
        string? ifMatch = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(
                "This write needs If-Match with the ETag of the version you edited (GET the resource first), so that no one's changes are overwritten unseen.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required");
        }

        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal) || tag.Length < 3 || tag[0] != '"' || tag[^1] != '"'
            || !int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return TypedResults.Problem(
                $"If-Match must be one strong ETag as this API sends it, e.g. \"3\"; got {tag}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid If-Match");
        }

        return null;
    }

    public static ProblemHttpResult Stale(string resource, int current) =>
        TypedResults.Problem(
            $"{resource} has changed since you read it: it is now at version {current}. GET it again, reapply your change and send If-Match: \"{current}\".",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Version mismatch",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current });
}
