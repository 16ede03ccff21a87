namespace Nejat.Cms.Api.Features.Navigation;

/// <summary>
/// Where a menu item leads. post, page and tag links name their target by id (so renaming it never
/// breaks the menu); collection and gallery links by slug (the media library's, not checked yet);
/// home needs nothing; external takes an absolute http(s) url, path a path of the public site (both
/// stored in one percent-encoded spelling, Text/WebLinks.cs).
/// </summary>
public sealed record NavigationLink(string? Kind, long? Id = null, string? Slug = null, string? Url = null);

/// <summary>A menu item as editors write it: a label, a link (optional for a heading with children), children.</summary>
public sealed record NavigationItem(string? Label, NavigationLink? Link = null, NavigationItem[]? Children = null);

/// <summary>An edition's whole menu as editors write it (PUT) and read it back (GET).</summary>
public sealed record NavigationMenuWrite(NavigationItem[]? Items);
