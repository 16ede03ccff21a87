using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>
/// A tag of one edition; postCount counts its published posts only. Language (the edition's locale)
/// and direction (ltr or rtl) are for the lang and dir attributes of its name.
/// </summary>
public sealed record Tag(string Edition, string Slug, string Name, int PostCount, string Language, [property: AllowedValues("ltr", "rtl")] string Direction);

/// <summary>A tag as editors see it: with its id, version and published-post count.</summary>
public sealed record AdminTag(long Id, string Edition, string Slug, string Name, int PostCount, int Version);

/// <summary>A tag as editors write it: the edition (on create), a name, and a slug or none to make one from the name.</summary>
public sealed record TagWrite(string? Edition, string? Slug, string? Name);
