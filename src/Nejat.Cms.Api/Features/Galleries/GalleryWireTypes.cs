using Nejat.Cms.Api.Features.Media;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>A gallery in an edition's list: its title there, how many items, and the first as its cover.</summary>
public record GallerySummary
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required int ItemCount { get; init; }
    public required MediaItem? Cover { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}

/// <summary>A gallery with its items in order, their texts in the edition.</summary>
public sealed record Gallery : GallerySummary
{
    public required IReadOnlyList<MediaItem> Items { get; init; }
}

/// <summary>A gallery as editors see it: every edition's title, its media ids in order, its version.</summary>
public sealed record AdminGallery
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public IReadOnlyDictionary<string, string> Titles { get; init; } = new Dictionary<string, string>();
    public long[] MediaIds { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The body of POST and PUT /v1/admin/galleries: titles keyed by edition code, media ids in display order.</summary>
public sealed record GalleryWrite
{
    /// <summary>Left out: made from the first title.</summary>
    public string? Slug { get; init; }
    public Dictionary<string, string>? Titles { get; init; }
    public long[]? MediaIds { get; init; }
}
