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
    public static async Task<(T? Body, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Invalid("body", "The body must be JSON (Content-Type: application/json)."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict(options), ct);
            return body is null ? (null, Invalid("body", "The body must be a JSON object.")) : (body, null);
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

    private static JsonSerializerOptions? s_strict;

    // Unknown properties are refused: a misspelt field must not be silently dropped.
    private static JsonSerializerOptions Strict(JsonSerializerOptions options) =>
        s_strict ??= new JsonSerializerOptions(options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
