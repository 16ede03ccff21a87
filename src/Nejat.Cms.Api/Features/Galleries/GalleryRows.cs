namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>A row of <see cref="GalleryQueries.List"/> and <see cref="GalleryQueries.BySlug"/>: a gallery with its title in one edition.</summary>
internal sealed record GalleryRow(long Id, string Slug, string Title, int ItemCount, long? CoverMediaId, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A row of galleries as editors see them: every edition's title as two parallel arrays.</summary>
internal sealed record GalleryAdminRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string[] TitleEditions { get; init; } = [];
    public string[] TitleTexts { get; init; } = [];
    public long[] MediaIds { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
