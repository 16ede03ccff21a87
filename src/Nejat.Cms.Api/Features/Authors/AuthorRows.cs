namespace Nejat.Cms.Api.Features.Authors;

/// <summary>A row of <see cref="AuthorQueries.List"/> and <see cref="AuthorQueries.BySlug"/>.</summary>
internal sealed record AuthorRow(string Slug, string Name, long PostCount);

/// <summary>A row of authors as editors see it.</summary>
internal sealed record AdminAuthorRow(long Id, string Slug, string Name, int Version);
