using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Hosting;

/// <summary>RFC 7396 JSON Merge Patch: objects merge member by member, null removes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    /// <summary>
    /// The body a PUT would carry: <paramref name="current"/> with <paramref name="patch"/> merged in, read
    /// as strictly as a request body; or the 400 naming the field the patch made invalid.
    /// </summary>
    public static (T? Merged, ValidationProblem? Problem) Merge<T>(T current, JsonObject patch, HttpContext http) where T : class
    {
        var target = JsonSerializer.SerializeToNode(current, JsonBody.Options(http));
        try
        {
            return (Apply(target, patch).Deserialize<T>(JsonBody.StrictOptions(http)), null);
        }
        catch (JsonException ex)
        {
            return (null, JsonBody.Invalid(JsonBody.FieldOf(ex), JsonBody.ProblemOf(ex)));
        }
    }

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject is { } targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }
}
