using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Navigation;

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

    public static async Task<Results<Ok<Menu>, ProblemHttpResult>> GetNavigation(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (menu, _) = await NavigationRules.Document.ReadAsync(conn, edition, JsonBody.Options(http), ct);
        if (await EditionLanguage.ReadAsync(conn, edition, ct) is not { } language)
        {
            return Problems.EditionNotFound(edition);
        }

        var items = await MenuLinks.ResolveAsync(conn, edition, menu.Items, options.Value, ct);
        return TypedResults.Ok(new Menu(edition, language.Language, language.Direction, items));
    }
}
