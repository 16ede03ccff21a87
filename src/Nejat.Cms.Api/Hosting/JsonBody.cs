using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Reads a JSON request body itself, so that malformed JSON, a wrong type, an unknown or repeated
/// property, a refused character or a cut-off body becomes a 400 naming the field (the framework's
/// own binding answers a bare 400).
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
            // A merge patch is read as a document, whose options refuse repeated keys (the serializer's
            // JsonObject reader would throw an ArgumentException for them); its strings are checked when
            // it is merged (JsonMergePatch.Merge).
            var body = typeof(T) == typeof(JsonObject)
                ? await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: ct) as T
                : await JsonSerializer.DeserializeAsync<T>(request.Body, StrictOptions(request.HttpContext), ct);
            return body is null ? (null, Invalid("body", "The body must be a JSON object."))
                : body is JsonObject patch && RefusedText(patch, "") is { } refused ? (null, Invalid(refused.Field, refused.Problem))
                : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Invalid("body", "The request body is larger than the server accepts."));
        }
        catch (BadHttpRequestException ex)
        {
            // A cut-off body or broken chunked encoding: what Kestrel says is safe to repeat.
            return (null, Invalid("body", $"The request body could not be read: {ex.Message}"));
        }
        catch (JsonException ex)
        {
            return (null, Invalid(FieldOf(ex), ProblemOf(ex)));
        }
        catch (InvalidOperationException) when (typeof(T) == typeof(JsonObject))
        {
            // A property name escaping half of a surrogate pair ("\udfff") parses, but cannot be read as text.
            return (null, Invalid("body", "A property name contains a lone surrogate; remove it."));
        }
    }

    /// <summary>The first key or string of a parsed document that <see cref="TextRules"/> refuses, with its path; else null.</summary>
    private static (string Field, string Problem)? RefusedText(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    if ((TextRules.Problem(name) is { } problem ? (field, $"The property name {problem}; remove it.") : RefusedText(value, field)) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            case JsonArray items:
                return items.Select((item, i) => RefusedText(item, $"{path}[{i}]")).FirstOrDefault(r => r is not null);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    // Control characters a word processor leaves (vertical tab) pass: they are cleaned when the merged body is read.
                    return TextRules.Clean(value.GetValue<string>(), out var problem) is null ? (path, $"The text {problem}; remove it.") : null;
                }
                catch (InvalidOperationException)
                {
                    return (path, "The text contains a lone surrogate; remove it.");
                }

            default:
                return null;
        }
    }

    /// <summary>The JSON path of the field a deserialization problem is about, e.g. "titles.fa"; "body" for the whole.</summary>
    public static string FieldOf(JsonException ex) => ex.Path is null or "$" ? "body" : ex.Path.TrimStart('$', '.');

    /// <summary>What is wrong, in words a client can act on, without the serializer's type names.</summary>
    public static string ProblemOf(JsonException ex) =>
        ex.InnerException is CheckedText.RefusedTextException refused ? refused.Message
        : ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? $"'{FieldOf(ex)}' is not a property of this request."
        : ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "A property is given twice; give each property once."
        : ex.LineNumber is null ? "The body is not valid JSON."
        : $"Not valid here (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).";

    public static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "Invalid request body");

    /// <summary>The service's JSON options (camelCase, UTF-8 text).</summary>
    public static JsonSerializerOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static JsonSerializerOptions? s_strict;

    /// <summary>
    /// The service's options for reading what clients send: an unknown property (a misspelt field
    /// must not be silently dropped) or a property given twice (parsers disagree on which wins) is
    /// refused, and every string passes <see cref="TextRules"/>.
    /// </summary>
    public static JsonSerializerOptions StrictOptions(HttpContext http) =>
        s_strict ??= new JsonSerializerOptions(Options(http))
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            Converters = { new CheckedText() },
        };

    /// <summary>Strings (values and dictionary keys) as <see cref="TextRules"/> accept them; a refusal names the field.</summary>
    internal sealed class CheckedText : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException(); // the serializer adds where, and ProblemOf says "not valid here"
            }

            return Checked(ref reader);
        }

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string Checked(ref Utf8JsonReader reader)
        {
            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (\ud800) cannot become a .NET string.
                throw new JsonException(null, new RefusedTextException("contains a lone surrogate"));
            }

            return TextRules.Clean(text, out var problem) ?? throw new JsonException(null, new RefusedTextException(problem!));
        }

        /// <summary>Carries the reason a string is refused to <see cref="ProblemOf"/>.</summary>
        internal sealed class RefusedTextException(string problem) : Exception($"The text {problem}; remove it.");
    }
}
