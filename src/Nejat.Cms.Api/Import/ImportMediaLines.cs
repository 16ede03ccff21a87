using System.Text.Json;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// A file for the media library, named by a key the file's posts, pages and galleries use (and that finds the
/// item again on the next import). File is relative to the import file's folder; Description is what the admin
/// API's PUT takes (collection, credit, source, translations).
/// </summary>
internal sealed record MediaLine(int Line, string Key, string File, MediaWrite Description);

/// <summary>A gallery by slug: a title per edition and its media, by key, in order.</summary>
internal sealed record GalleryLine(int Line, string Slug, SortedDictionary<string, string> Titles, string[] Media);

/// <summary>The line types of the media library: media and galleries.</summary>
internal static partial class ImportLines
{
    private const int MaxFileLength = 500;
    private const int MaxGalleryTitleLength = 500;
    private const int MaxGalleryItems = 500;

    private static MediaLine ParseMedia(Fields fields, JsonElement root)
    {
        var file = fields.Required("file", MaxFileLength);
        // The file may be anyone's: it names nothing outside its own folder.
        if (Path.IsPathRooted(file) || file.Contains('\\', StringComparison.Ordinal) || file.StartsWith('~'))
        {
            throw fields.Problem($"file '{file}' must be a path relative to the import file's folder, e.g. media/herat.jpg");
        }

        if (file.Split('/').Contains(".."))
        {
            throw fields.Problem($"file '{file}' leaves the import file's folder ('..' is not allowed)");
        }

        var description = Document<MediaWrite>(fields, root, "key", "file");
        var texts = new Dictionary<string, MediaText>(StringComparer.Ordinal);
        foreach (var (edition, text) in description.Translations ?? [])
        {
            var where = $"translations.{edition}";
            texts[edition] = text is null
                ? throw fields.Problem($"{where} must be an object with title, alt and caption")
                : new MediaText(Clean(fields, $"{where}.title", text.Title), Clean(fields, $"{where}.alt", text.Alt), Clean(fields, $"{where}.caption", text.Caption));
        }

        return new MediaLine(fields.LineNumber, fields.Slug("key"), file, description with
        {
            Collection = Clean(fields, "collection", description.Collection),
            Credit = Clean(fields, "credit", description.Credit),
            Source = Clean(fields, "source", description.Source),
            Translations = texts,
        });
    }

    private static GalleryLine ParseGallery(Fields fields, JsonElement root)
    {
        var titles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("titles", out var given) || given.ValueKind != JsonValueKind.Object)
        {
            throw fields.Problem("titles is required: an object of titles by edition code, e.g. {\"en\": \"Photo gallery\"}");
        }

        foreach (var title in given.EnumerateObject())
        {
            var text = title.Value.ValueKind == JsonValueKind.String ? Clean(fields, $"titles.{title.Name}", title.Value.GetString()) : null;
            titles[title.Name] = string.IsNullOrWhiteSpace(text) ? throw fields.Problem($"titles.{title.Name} must be a non-empty string")
                : text.Length > MaxGalleryTitleLength ? throw fields.Problem($"titles.{title.Name} is {text.Length} characters; at most {MaxGalleryTitleLength} are allowed")
                : text.Trim();
        }

        if (titles.Count == 0)
        {
            throw fields.Problem("titles needs a title in at least one edition");
        }

        var media = fields.SlugArray("media", MaxGalleryItems);
        return media.Length > 0
            ? new GalleryLine(fields.LineNumber, fields.Slug("slug"), titles, media)
            : throw fields.Problem("media must list the keys of the gallery's media lines, in order");
    }

    /// <summary>A text of the line by the API's text rules; null stays null.</summary>
    private static string? Clean(Fields fields, string name, string? text) =>
        text is null ? null : TextRules.Clean(text, out var refused) ?? throw fields.Problem($"{name} {refused}");
}
