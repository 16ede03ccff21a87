using Dapper;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Navigation;

/// <summary>A menu as editors wrote it, made what readers get: every link resolved to its target's current slug and site path.</summary>
internal static class MenuLinks
{
    // Only published posts and pages resolve; tags resolve while they exist.
    private const string TargetsSql = """
        SELECT id, kind, slug FROM posts WHERE id = ANY(@PostIds) AND edition = @Edition AND status = 'published'
        UNION ALL
        SELECT id, 'tag', slug FROM tags WHERE id = ANY(@TagIds) AND edition = @Edition
        """;

    public static async Task<MenuItem[]> ResolveAsync(NpgsqlConnection conn, string edition, NavigationItem[]? items, CmsOptions site, CancellationToken ct)
    {
        var links = NavigationRules.Walk(items).Select(w => w.Item.Link).Where(l => l?.Id is not null).ToArray();
        var targets = (await conn.QueryAsync<(long Id, string Kind, string Slug)>(new CommandDefinition(TargetsSql, new
        {
            Edition = edition,
            PostIds = links.Where(l => l!.Kind != "tag").Select(l => l!.Id!.Value).ToArray(),
            TagIds = links.Where(l => l!.Kind == "tag").Select(l => l!.Id!.Value).ToArray(),
        }, cancellationToken: ct))).ToDictionary(t => (t.Id, t.Kind), t => t.Slug);
        return Resolve(items, edition, targets, site);
    }

    private static MenuItem[] Resolve(NavigationItem[]? items, string edition, Dictionary<(long, string), string> targets, CmsOptions site) =>
        (items ?? []).Select(item =>
        {
            var children = Resolve(item.Children, edition, targets, site);
            var link = item.Link;
            (string? Href, string? Slug)? resolved = link?.Kind switch
            {
                null => null,
                "external" or "path" => (link.Url, null),
                "home" => (site.Path(SiteTarget.Home, edition), null),
                "collection" => (site.Path(SiteTarget.Collection, edition, link.Slug), link.Slug),
                "gallery" => (site.Path(SiteTarget.Gallery, edition, link.Slug), link.Slug),
                _ => targets.TryGetValue((link.Id!.Value, link.Kind), out var slug)
                    ? (site.Path(link.Kind switch { "post" => SiteTarget.Post, "page" => SiteTarget.Page, _ => SiteTarget.Tag }, edition, slug), slug)
                    : null,
            };
            // A dead link is left out; an item without a link stays only as the heading of live children.
            return resolved is { } r ? new MenuItem(item.Label!, link!.Kind, r.Href, r.Slug, children)
                : children.Length > 0 ? new MenuItem(item.Label!, null, null, null, children)
                : null;
        }).OfType<MenuItem>().ToArray();
}
