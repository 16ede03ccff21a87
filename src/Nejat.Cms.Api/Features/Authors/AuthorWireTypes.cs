namespace Nejat.Cms.Api.Features.Authors;

/// <summary>An author, shared by all editions; postCount counts published posts in every edition.</summary>
public sealed record Author(string Slug, string Name, long PostCount);

/// <summary>An author as editors see it: with its id and version.</summary>
public sealed record AdminAuthor(long Id, string Slug, string Name, int Version);

/// <summary>An author as editors write it: a name, and a slug or none to make one from the name.</summary>
public sealed record AuthorWrite(string? Slug, string? Name);
