namespace Nejat.Cms.Api.Features.Tags;

/// <summary>A row of <see cref="TagQueries.List"/> and <see cref="TagQueries.BySlug"/>: a tag with its edition's language.</summary>
internal sealed record TagRow(string Edition, string Slug, string Name, int PostCount, string Language, string Direction);

/// <summary>A row of tags as editors see it.</summary>
internal sealed record AdminTagRow(long Id, string Edition, string Slug, string Name, int PostCount, int Version);
