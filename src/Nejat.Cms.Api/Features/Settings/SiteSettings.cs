using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Settings;

/// <summary>A link to one of the publisher's social profiles, e.g. {"network": "telegram", "url": "https://t.me/…"}.</summary>
public sealed record SocialLink(string? Network, string? Url);

/// <summary>An edition's site settings as editors write them (PUT) and read them back (GET).</summary>
public sealed record SiteSettingsWrite
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    /// <summary>The footer's copyright line, e.g. "© ۱۴۰۳ نجات".</summary>
    public string? Copyright { get; init; }
    /// <summary>In display order.</summary>
    public SocialLink[]? SocialLinks { get; init; }
    /// <summary>The share buttons a post shows by default, in order: <see cref="SiteSettingsRules.ShareTargets"/>.</summary>
    public string[]? ShareTargets { get; init; }
}

/// <summary>An edition's public site settings with its language and script direction.</summary>
public sealed record SiteSettings(
    string Edition, string Language, [property: AllowedValues("ltr", "rtl")] string Direction, string Title, string Description, string Copyright,
    IReadOnlyList<SocialLink> SocialLinks, IReadOnlyList<string> ShareTargets);
