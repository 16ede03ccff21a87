using System.Text.Json;
using System.Text.Json.Serialization;
using Nejat.Cms.Api.Features.Navigation;
using Nejat.Cms.Api.Features.Settings;

namespace Nejat.Cms.Api.Import;

/// <summary>A page (About, Contact …): a post of kind 'page', without tags or author. PublishedAt null keeps a page's date (now for a new one).</summary>
internal sealed record PageLine(
    int Line, string Edition, string Slug, string Status, DateTime? PublishedAt, string Title, string Excerpt, string BodyHtml, string? TranslationKey);

/// <summary>An edition's site settings, whole, as the admin API's PUT takes them.</summary>
internal sealed record SettingsLine(int Line, string Edition, SiteSettingsWrite Settings);

/// <summary>
/// An edition's menu, whole, as the admin API's PUT takes it, except that post, page and tag links name
/// their target by slug (the file cannot know ids); the import looks the ids up.
/// </summary>
internal sealed record NavigationLine(int Line, string Edition, NavigationMenuWrite Menu);

/// <summary>The line types of a site's furniture: pages, settings and navigation.</summary>
internal static partial class ImportLines
{
    // The admin API's JSON: camelCase members, nothing it does not know.
    private static readonly JsonSerializerOptions DocumentOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static PageLine ParsePage(Fields fields)
    {
        var status = fields.Optional("status") ?? "published";
        if (status is not ("draft" or "published"))
        {
            throw fields.Problem($"a page's status is draft or published; got '{status}'");
        }

        return new PageLine(
            fields.LineNumber,
            fields.EditionCode("edition"),
            fields.Slug("slug"),
            status,
            fields.Time("publishedAt"),
            fields.Required("title", MaxTitleLength),
            fields.Optional("excerpt") ?? "",
            Text.HtmlSanitizing.Sanitize(fields.Optional("bodyHtml") ?? ""),
            fields.Optional("translationKey", MaxNameLength));
    }

    /// <summary>The line without its type and edition, read as the admin API reads the document's body.</summary>
    private static T Document<T>(Fields fields, JsonElement root)
    {
        var body = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("type" or "edition")))
        {
            body[property.Name] = property.Value;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(body), DocumentOptions)
                ?? throw fields.Problem("expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw fields.Problem($"{(ex.Path is null or "$" ? "the line" : ex.Path.TrimStart('$', '.'))} is not what the admin API takes ({ex.Message.Split(" Path:")[0]})");
        }
    }
}
