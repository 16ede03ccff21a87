using System.Globalization;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>A media item's texts in one edition.</summary>
public sealed record MediaText(string? Title, string? Alt, string? Caption);

/// <summary>One size of an image, for <c>srcset</c>: width and height in pixels, Content-Type and URL.</summary>
public sealed record Rendition(int Width, int Height, string Type, string Url);

/// <summary>A video hosted elsewhere: who hosts it, its id there, the URL it was added with, where to embed it, and its poster image.</summary>
public sealed record ExternalVideo(string Provider, string Id, string Url, string EmbedUrl, string? ThumbnailUrl);

/// <summary>A media item as editors see it: every edition's texts, its version.</summary>
public sealed record AdminMedia(
    long Id, string Kind, string? Collection, string? Sha256, string? ContentType, long? Size, int? Width, int? Height,
    string? Credit, string? Source, IReadOnlyDictionary<string, MediaText> Translations,
    string? Url, IReadOnlyList<Rendition> Renditions, ExternalVideo? Video, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>A media item as the public sees it, with its texts in one edition (the default edition's where a text is missing).</summary>
public sealed record MediaItem(
    long Id, string Kind, string? Collection, string Title, string Alt, string Caption, string? Credit, string? Source,
    string? ContentType, long? Size, int? Width, int? Height, string? Url, IReadOnlyList<Rendition> Renditions, ExternalVideo? Video,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The body of PUT (and, after merging, PATCH) on /v1/admin/media/{id}: translations keyed by edition code.</summary>
public sealed record MediaWrite
{
    public string? Collection { get; init; }
    public string? Credit { get; init; }
    public string? Source { get; init; }
    public Dictionary<string, MediaText>? Translations { get; init; }
}

/// <summary>The body of POST /v1/admin/media/videos.</summary>
public sealed record ExternalVideoWrite
{
    /// <summary>The video's page, e.g. https://www.youtube.com/watch?v=… or https://vimeo.com/….</summary>
    public string? Url { get; init; }
    public string? Collection { get; init; }
    public string? Credit { get; init; }
    public string? Source { get; init; }
    public Dictionary<string, MediaText>? Translations { get; init; }
}

/// <summary>A media row; the public queries add the texts of the asked-for edition.</summary>
internal sealed record MediaRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string? Collection { get; init; }
    public string? Sha256 { get; init; }
    public string? ContentType { get; init; }
    public long? Size { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? Credit { get; init; }
    public string? Source { get; init; }
    public string? Provider { get; init; }
    public string? ProviderId { get; init; }
    public string? SourceUrl { get; init; }
    public string? EmbedUrl { get; init; }
    public string? ThumbnailUrl { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string Title { get; init; } = "";
    public string Alt { get; init; } = "";
    public string Caption { get; init; } = "";

    public const string Columns = """
        m.id, m.kind, m.collection, m.sha256, m.content_type, m.size, m.width, m.height, m.credit, m.source,
        m.provider, m.provider_id, m.source_url, m.embed_url, m.thumbnail_url, m.version, m.created_at, m.updated_at
        """;

    public ExternalVideo? Video => Provider is null ? null : new ExternalVideo(Provider, ProviderId!, SourceUrl!, EmbedUrl!, ThumbnailUrl);

    public AdminMedia ToAdmin(IReadOnlyDictionary<string, MediaText> translations) => new(
        Id, Kind, Collection, Sha256, ContentType, Size, Width, Height, Credit, Source, translations,
        MediaUrls.File(this), MediaUrls.Renditions(this), Video, CreatedAt, UpdatedAt, Version);

    public MediaItem ToItem() => new(
        Id, Kind, Collection, Title, Alt, Caption, Credit, Source, ContentType, Size, Width, Height,
        MediaUrls.File(this), MediaUrls.Renditions(this), Video, CreatedAt, UpdatedAt);
}

internal sealed record MediaTextRow(long MediaId, string Edition, string Title, string Alt, string Caption);

/// <summary>
/// Content-addressed URLs: <c>/v1/files/{sha256}.{ext}</c> for a stored file as uploaded, and
/// <c>/v1/files/{sha256}/{width}.{ext}</c> for an image's renditions. Images that are re-encoded
/// (JPEG, PNG, WebP) are served only as renditions, the widest at their own width: their uploaded
/// bytes may carry GPS positions.
/// </summary>
internal static class MediaUrls
{
    public static readonly int[] RenditionWidths = [320, 768, 1280, 1920];

    public static string? File(MediaRow row)
    {
        if (row.Sha256 is null)
        {
            return null;
        }

        var type = TypeOf(row)!;
        return type.HasRenditions ? RenditionUrl(row.Sha256, row.Width!.Value, type.Extension) : $"/v1/files/{row.Sha256}.{type.Extension}";
    }

    /// <summary>Each width below the image's own (never upscaled) and its own, in its format and (where it fits) in WebP.</summary>
    public static IReadOnlyList<Rendition> Renditions(MediaRow row)
    {
        if (row.Sha256 is null || TypeOf(row) is not { HasRenditions: true } type)
        {
            return [];
        }

        var (fullWidth, fullHeight) = (row.Width!.Value, row.Height!.Value);
        return WidthsFor(fullWidth)
            .SelectMany(width => FormatsAt(type, fullWidth, fullHeight, width).Select(format => new Rendition(
                width, HeightAt(fullWidth, fullHeight, width), format.ContentType, RenditionUrl(row.Sha256, width, format.Extension))))
            .ToArray();
    }

    public static IEnumerable<int> WidthsFor(int width) => RenditionWidths.Where(w => w < width).Append(width);

    /// <summary>The formats of the rendition <paramref name="renditionWidth"/> wide: the image's own, and WebP where both sides fit WebP's 16383 pixels.</summary>
    public static FileType[] FormatsAt(FileType type, int width, int height, int renditionWidth) =>
        type == FileSniffing.WebP ? [type]
        : renditionWidth <= Images.MaxWebPDimension && HeightAt(width, height, renditionWidth) <= Images.MaxWebPDimension ? [type, FileSniffing.WebP]
        : [type];

    public static int HeightAt(int width, int height, int renditionWidth) => Math.Max(1, (int)Math.Round((double)height * renditionWidth / width));

    private static string RenditionUrl(string sha256, int width, string extension) =>
        $"/v1/files/{sha256}/{width.ToString(CultureInfo.InvariantCulture)}.{extension}";

    private static FileType? TypeOf(MediaRow row) => row.ContentType is null ? null : FileSniffing.OfContentType(row.ContentType);
}
