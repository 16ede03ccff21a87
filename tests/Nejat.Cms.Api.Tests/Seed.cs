using System.Text.Json;

namespace Nejat.Cms.Api.Tests;

/// <summary>Import lines for arranging data, in the documented JSON Lines format.</summary>
internal static class Seed
{
    public static string Author(string slug, string name) => Line(new() { ["type"] = "author", ["slug"] = slug, ["name"] = name });

    public static string Tag(string edition, string slug, string name) =>
        Line(new() { ["type"] = "tag", ["edition"] = edition, ["slug"] = slug, ["name"] = name });

    public static string Page(string edition, string slug, string bodyHtml, string publishedAt = "2024-01-01T00:00:00Z") =>
        Line(new()
        {
            ["type"] = "page", ["edition"] = edition, ["slug"] = slug, ["title"] = $"Title of {slug}", ["excerpt"] = "",
            ["bodyHtml"] = bodyHtml, ["status"] = "published", ["publishedAt"] = publishedAt,
        });

    public static string Post(
        string edition,
        string slug,
        string? publishedAt = "2024-01-01T00:00:00Z",
        string status = "published",
        string[]? tags = null,
        string? author = null,
        string? translationKey = null,
        string? title = null,
        string? byline = null,
        string bodyHtml = "<p>Body</p>",
        string? featuredMedia = null) =>
        Line(new()
        {
            ["type"] = "post",
            ["edition"] = edition,
            ["slug"] = slug,
            ["title"] = title ?? $"Title of {slug}",
            ["excerpt"] = $"Excerpt of {slug}",
            ["bodyHtml"] = bodyHtml,
            ["status"] = status,
            ["publishedAt"] = publishedAt,
            ["author"] = author,
            ["byline"] = byline,
            ["tags"] = tags ?? [],
            ["translationKey"] = translationKey,
            ["featuredMedia"] = featuredMedia,
        });

    private static string Line(Dictionary<string, object?> fields) => JsonSerializer.Serialize(fields, Options);

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
