namespace Nejat.Cms.Api.Features.Media;

/// <summary>A row of the media table (<see cref="Columns"/>); the public queries add the texts of the asked-for edition.</summary>
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
}

/// <summary>A row of media_translations: one edition's texts of a media item.</summary>
internal sealed record MediaTextRow(long MediaId, string Edition, string Title, string Alt, string Caption);

/// <summary>A row of media_collections.</summary>
internal sealed record MediaCollectionRow(string Slug, string Name);
