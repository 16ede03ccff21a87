using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>A media item's texts in one edition (also what editors send for it in <see cref="MediaWrite"/>).</summary>
public sealed record MediaText(string? Title, string? Alt, string? Caption);

/// <summary>One size of an image, for <c>srcset</c>: width and height in pixels, Content-Type and URL.</summary>
public sealed record Rendition(int Width, int Height, string Type, string Url);

/// <summary>A video hosted elsewhere: who hosts it, its id there, the URL it was added with, where to embed it, and its poster image.</summary>
public sealed record ExternalVideo(string Provider, string Id, string Url, string EmbedUrl, string? ThumbnailUrl);

/// <summary>A media item as editors see it: every edition's texts, its version.</summary>
public sealed record AdminMedia(
    long Id, [property: AllowedValues(MediaKinds.Image, MediaKinds.Video, MediaKinds.Audio, MediaKinds.Document)] string Kind, string? Collection, string? Sha256, string? ContentType, long? Size, int? Width, int? Height,
    string? Credit, string? Source, IReadOnlyDictionary<string, MediaText> Translations,
    string? Url, IReadOnlyList<Rendition> Renditions, ExternalVideo? Video, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>A media item as the public sees it, with its texts in one edition (the default edition's where a text is missing).</summary>
public sealed record MediaItem(
    long Id, [property: AllowedValues(MediaKinds.Image, MediaKinds.Video, MediaKinds.Audio, MediaKinds.Document)] string Kind, string? Collection, string Title, string Alt, string Caption, string? Credit, string? Source,
    string? ContentType, long? Size, int? Width, int? Height, string? Url, IReadOnlyList<Rendition> Renditions, ExternalVideo? Video,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A media section or publication series (cartoons, newsletter …).</summary>
public sealed record MediaCollectionInfo(string Slug, string Name);
