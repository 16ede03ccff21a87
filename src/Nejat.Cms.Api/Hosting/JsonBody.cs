using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Reads a JSON request body itself, so that malformed JSON, a wrong type or an unknown property
/// becomes a 400 naming the field (the framework's own binding answers a bare 400).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Body, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct, string? alsoAccepted = null)
        where T : class
    {
        if (!request.HasJsonContentType() && (alsoAccepted is null || request.ContentType?.StartsWith(alsoAccepted, StringComparison.OrdinalIgnoreCase) != true))
        {
            return (null, Invalid("body", $"The body must be JSON (Content-Type: {alsoAccepted ?? "application/json"})."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, StrictOptions(request.HttpContext), ct);
            return body is null ? (null, Invalid("body", "The body must be a JSON object.")) : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Invalid("body", "The request body is larger than the server accepts."));
        }
        catch (JsonException ex)
        {
            var field = ex.Path is null or "$" ? "body" : ex.Path.TrimStart('$', '.');
            var problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{field}' is not a property of this request."
                : ex.LineNumber is null ? "The body is not valid JSON." : $"Not valid here (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).";
            return (null, Invalid(field, problem));
        }
    }

    public static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "Invalid request body");

    /// <summary>The service's JSON options (camelCase, UTF-8 text).</summary>
    public static JsonSerializerOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static JsonSerializerOptions? s_strict;

    /// <summary>The service's options, refusing unknown properties: a misspelt field must not be silently dropped.</summary>
    public static JsonSerializerOptions StrictOptions(HttpContext http) =>
        s_strict ??= new JsonSerializerOptions(Options(http)) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
