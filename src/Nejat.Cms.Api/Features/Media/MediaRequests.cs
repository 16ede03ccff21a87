namespace Nejat.Cms.Api.Features.Media;

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

/// <summary>The body of POST /v1/admin/media/collections: the slug is made from the name when left out.</summary>
public sealed record MediaCollectionWrite(string? Slug, string? Name);
