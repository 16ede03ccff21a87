using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Navigation;

/// <summary>
/// A menu item as readers get it: the link resolved to the public site's path (href, relative to
/// Cms__PublicSiteUrl) or the external URL, with the target's current slug.
/// </summary>
public sealed record MenuItem(string Label, string? Kind, string? Href, string? Slug, IReadOnlyList<MenuItem> Children);

/// <summary>An edition's menu with its language and direction.</summary>
public sealed record Menu(string Edition, string Language, string Direction, IReadOnlyList<MenuItem> Items);

/// <summary>The menu per edition: public GET /v1/{edition}/navigation; editors' GET/PUT /v1/admin/navigation/{edition}.</summary>
internal static class NavigationEndpoints
{
    public static RouteGroupBuilder MapNavigation(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/navigation", GetNavigation)
            .WithName(nameof(GetNavigation)).WithTags("Navigation")
            .WithSummary("Get an edition's menu")
            .WithDescription("The menu tree with every link resolved: posts, pages and tags to their current slug and site path (renaming never breaks the menu); collections and galleries to the media paths; external URLs as written. Links to unpublished or deleted targets are left out (a heading stays while it has children).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static RouteGroupBuilder MapNavigationAdmin(this RouteGroupBuilder admin) =>
        NavigationRules.Document.MapAdmin(admin,
            "Up to 3 levels and 200 items; each item has a label and a link (optional for a heading with children): {kind: post|page|tag, id}, {kind: collection|gallery, slug}, {kind: home}, {kind: external, url} (an absolute http(s) URL) or {kind: path, url} (a path of the site, e.g. /fa/about); URLs are stored percent-encoded. Errors name the item, e.g. items[2].children[0].link.",
            patch: false);

    // Only published posts and pages resolve; tags resolve while they exist.
    private const string TargetsSql = """
        SELECT id, kind, slug FROM posts WHERE id = ANY(@PostIds) AND edition = @Edition AND status = 'published'
        UNION ALL
        SELECT id, 'tag', slug FROM tags WHERE id = ANY(@TagIds) AND edition = @Edition
        """;

    public static async Task<Results<Ok<Menu>, ProblemHttpResult>> GetNavigation(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await NavigationRules.Document.ReadAsync(conn, edition, JsonBody.Options(http), ct) is not { Document: var menu }
            || await EditionLanguage.ReadAsync(conn, edition, ct) is not { } language)
        {
            return Problems.EditionNotFound(edition);
        }

        var links = NavigationRules.Walk(menu.Items).Select(w => w.Item.Link).Where(l => l?.Id is not null).ToArray();
        var targets = (await conn.QueryAsync<(long Id, string Kind, string Slug)>(new CommandDefinition(TargetsSql, new
        {
            Edition = edition,
            PostIds = links.Where(l => l!.Kind != "tag").Select(l => l!.Id!.Value).ToArray(),
            TagIds = links.Where(l => l!.Kind == "tag").Select(l => l!.Id!.Value).ToArray(),
        }, cancellationToken: ct))).ToDictionary(t => (t.Id, t.Kind), t => t.Slug);
        var items = Resolve(menu.Items, edition, targets, options.Value);
        return TypedResults.Ok(new Menu(edition, language.Language, language.Direction, items));
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
