namespace Nejat.Cms.Api.Hosting;

/// <summary>What a link on the public web site points at.</summary>
internal enum SiteTarget
{
    Home,
    Post,
    Page,
    Tag,
    Collection,
    Gallery,
}

/// <summary>Links into the public web site, from the configured base URL and path patterns (<see cref="CmsOptions"/>).</summary>
internal static class SiteUrls
{
    /// <summary>The site path of a target, e.g. /fa/posts/%D8%AE…; slugs are percent-encoded.</summary>
    public static string Path(this CmsOptions options, SiteTarget target, string edition, string? slug = null) =>
        (target switch
        {
            SiteTarget.Home => options.HomePath,
            SiteTarget.Post => options.PostPath,
            SiteTarget.Page => options.PagePath,
            SiteTarget.Tag => options.TagPath,
            SiteTarget.Collection => options.CollectionPath,
            _ => options.GalleryPath,
        })
        .Replace("{edition}", Uri.EscapeDataString(edition), StringComparison.Ordinal)
        .Replace("{slug}", Uri.EscapeDataString(slug ?? ""), StringComparison.Ordinal);

    /// <summary>The absolute URL of a target on the public site.</summary>
    public static Uri Url(this CmsOptions options, SiteTarget target, string edition, string? slug = null) =>
        new(options.PublicSiteUrl.TrimEnd('/') + options.Path(target, edition, slug));
}
