using Mapster;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>Old-URL rows to what the API sends: the site path and URL come from the configured site paths, or the media file's URL.</summary>
internal sealed class RedirectMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<OldUrlRow, OldUrlTarget>()
            .Map(d => d.Kind, s => s.TargetKind)
            .Map(d => d.Edition, s => s.MediaId == null ? s.Edition : null)
            .Map(d => d.Slug, s => s.MediaId == null ? s.Slug : null)
            .Ignore(d => d.Path, d => d.Url); // from the configuration, in ToTarget
}

internal static class RedirectMapping
{
    public static OldUrlTarget ToTarget(this OldUrlRow row, CmsOptions site)
    {
        var target = row.Adapt<OldUrlTarget>(Mappings.Config);
        if (row.Media is { } media)
        {
            return target with { Url = MediaUrls.File(media)! };
        }

        var page = SiteTargetOf(target.Kind);
        return target with { Path = site.Path(page, row.Edition!, row.Slug), Url = site.Url(page, row.Edition!, row.Slug).AbsoluteUri };
    }

    /// <summary>Which of the site's paths shows a target of the kind (post, page, tag or home).</summary>
    public static SiteTarget SiteTargetOf(string kind) => kind switch
    {
        "home" => SiteTarget.Home,
        "tag" => SiteTarget.Tag,
        "page" => SiteTarget.Page,
        _ => SiteTarget.Post,
    };
}
