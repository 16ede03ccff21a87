using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Schemas as the JSON is written, so that generated clients get exact types: every member a
/// response carries is required (System.Text.Json writes them all, null included, unless a member
/// is left out when null), a closed set of strings ([AllowedValues]) is an enum, a nullable object
/// is "that object or null", and a merge patch says which members it may change.
/// </summary>
internal static class OpenApiSchemas
{
    private static readonly OpenApiSchema Null = new() { Type = JsonSchemaType.Null };

    /// <summary>Required members and enums, from the C# type the schema describes.</summary>
    internal sealed class WireTypeFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete)
            {
                return;
            }

            var leftOutWhenNull = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (concrete.Properties.TryGetValue(name, out var member) && member is OpenApiSchema memberSchema)
                {
                    if (property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull)
                    {
                        leftOutWhenNull.Add(name);
                        memberSchema.Type &= ~JsonSchemaType.Null; // absent rather than null
                    }

                    if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
                    {
                        memberSchema.Enum = [.. allowed.Values.OfType<string>().Select(value => (JsonNode)JsonValue.Create(value))];
                    }
                }
            }

            concrete.Required = new SortedSet<string>(concrete.Properties.Keys.Where(name => !leftOutWhenNull.Contains(name)), StringComparer.Ordinal);
        }
    }

    /// <summary>Reference shapes OpenAPI 3.1 reads well, request-only schemas without response rules, merge patch bodies.</summary>
    internal sealed class ShapesFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var schemas = document.Components!.Schemas!;
            foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
            {
                foreach (var (name, member) in schema.Properties?.ToArray() ?? [])
                {
                    schema.Properties![name] = ReferenceShape(member);
                }
            }

            DescribeMergePatches(document, schemas);

            // A request body member may be left out; only what a response carries is always there.
            var inResponses = Reachable(schemas, document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values ?? []).Select(c => c.Schema));
            foreach (var (name, schema) in schemas)
            {
                if (!inResponses.Contains(name) && schema is OpenApiSchema { Required: not null } requestOnly && !name.EndsWith(PatchSuffix, StringComparison.Ordinal))
                {
                    requestOnly.Required = null;
                }
            }
        }

        /// <summary>
        /// Swashbuckle wraps a reference in a one-item allOf so that it can say "nullable"; in 3.1 a
        /// plain reference says "that object" and a oneOf with null says "that object or null".
        /// </summary>
        private static IOpenApiSchema ReferenceShape(IOpenApiSchema member) =>
            member is OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper
                ? wrapper.Type?.HasFlag(JsonSchemaType.Null) == true
                    ? new OpenApiSchema { OneOf = [reference, Null], Description = wrapper.Description }
                    : reference
                : member;

        private const string PatchSuffix = "Patch";

        /// <summary>
        /// A JSON merge patch (RFC 7396) changes part of what the same path's PUT replaces: any of its
        /// members, each of which may also be null to clear it (a member the resource needs stays a 400).
        /// </summary>
        private static void DescribeMergePatches(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
        {
            // A type named only by WithMergePatchOf appears in the document as its patch alone.
            var patchedOnly = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, item) in document.Paths)
            {
                if (item.Operations?.GetValueOrDefault(HttpMethod.Patch) is not { RequestBody.Content: { } patchContent })
                {
                    continue;
                }

                // What the path's PUT replaces, else what the PATCH says it changes (OpenApiHttp.WithMergePatchOf).
                var replaced = item.Operations.GetValueOrDefault(HttpMethod.Put)?.RequestBody?.Content is { } replacing && replacing.TryGetValue("application/json", out var whole) ? whole.Schema as OpenApiSchemaReference : null;
                if (replaced is null && patchContent.Values.First().Schema is OpenApiSchemaReference { Reference.Id: not nameof(JsonNode) and { } declared } patched)
                {
                    replaced = patched;
                    patchedOnly.Add(declared);
                }

                if (replaced is null)
                {
                    throw new InvalidOperationException($"PATCH {path} is a merge patch but the path has no PUT whose body it changes, nor WithMergePatchOf.");
                }
                var patchName = replaced.Reference.Id + PatchSuffix;
                if (!schemas.ContainsKey(patchName))
                {
                    var target = (OpenApiSchema)schemas[replaced.Reference.Id!];
                    schemas[patchName] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = $"A JSON merge patch of {replaced.Reference.Id}: only the members to change; null clears a member.",
                        AdditionalPropertiesAllowed = false,
                        Properties = target.Properties!.ToDictionary(p => p.Key, p => (IOpenApiSchema)new OpenApiSchema { AnyOf = [p.Value, Null] }),
                    };
                }

                foreach (var media in patchContent.Values)
                {
                    media.Schema = new OpenApiSchemaReference(patchName, document);
                }
            }

            foreach (var id in patchedOnly)
            {
                schemas.Remove(id);
            }

            // What Body<JsonObject> described before: .NET's node types, which no client should see.
            schemas.Remove(nameof(JsonNode));
            schemas.Remove(nameof(JsonNodeOptions));
        }

        private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<IOpenApiSchema?>(roots);
            while (pending.TryPop(out var schema))
            {
                switch (schema)
                {
                    case OpenApiSchemaReference { Reference.Id: { } id }:
                        if (found.Add(id) && schemas.TryGetValue(id, out var target))
                        {
                            pending.Push(target);
                        }

                        break;
                    case OpenApiSchema concrete:
                        foreach (var part in new[] { concrete.Items, concrete.AdditionalProperties }
                            .Concat(concrete.Properties?.Values ?? []).Concat(concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []))
                        {
                            pending.Push(part);
                        }

                        break;
                }
            }

            return found;
        }
    }
}
