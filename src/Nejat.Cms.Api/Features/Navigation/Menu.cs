using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Navigation;

/// <summary>
/// A menu item as readers get it: the link resolved to the public site's path (href, relative to
/// Cms__PublicSiteUrl) or the external URL, with the target's current slug.
/// </summary>
public sealed record MenuItem(string Label, string? Kind, string? Href, string? Slug, IReadOnlyList<MenuItem> Children);

/// <summary>An edition's menu with its language and direction.</summary>
public sealed record Menu(string Edition, string Language, [property: AllowedValues("ltr", "rtl")] string Direction, IReadOnlyList<MenuItem> Items);
