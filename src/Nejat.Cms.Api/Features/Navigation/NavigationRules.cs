using Dapper;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Navigation;

/// <summary>What a valid menu is, checked against the edition's content.</summary>
internal static class NavigationRules
{
    public const int MaxDepth = 3;
    public const int MaxItems = 200;
    public static readonly string[] Kinds = ["post", "page", "tag", "collection", "gallery", "home", "external", "path"];

    public static readonly EditionDocument<NavigationMenuWrite> Document = new("navigation", "Navigation menu", "Navigation", new NavigationMenuWrite([]), ValidateAsync);

    private const string TargetsSql = """
        SELECT id, kind FROM posts WHERE id = ANY(@PostIds) AND edition = @Edition AND status <> 'trashed'
        UNION ALL
        SELECT id, 'tag' FROM tags WHERE id = ANY(@TagIds) AND edition = @Edition
        """;

    /// <summary>Every item with its path in the document, e.g. items[2].children[0], parents first.</summary>
    public static IEnumerable<(string Path, int Depth, NavigationItem Item)> Walk(NavigationItem[]? items, string path = "items", int depth = 1)
    {
        for (var i = 0; i < (items?.Length ?? 0); i++)
        {
            var itemPath = $"{path}[{i}]";
            yield return (itemPath, depth, items![i]);
            foreach (var child in Walk(items[i]?.Children, $"{itemPath}.children", depth + 1))
            {
                yield return child;
            }
        }
    }

    private static async Task<(NavigationMenuWrite Menu, Dictionary<string, string[]> Errors)> ValidateAsync(
        NavigationMenuWrite menu, string edition, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var stored = new NavigationMenuWrite(WithStoredUrls(menu.Items));
        return (stored, await CheckAsync(stored, edition, conn, tx, ct));
    }

    /// <summary>The items with external and site-path URLs in their stored spelling (left as they are when invalid: the check names them).</summary>
    private static NavigationItem[]? WithStoredUrls(NavigationItem[]? items) => items?.Select(item => item is null ? null! : item with
    {
        Link = item.Link is { Kind: "external" or "path" } link ? link with { Url = StoredUrl(link, out _) ?? link.Url } : item.Link,
        Children = WithStoredUrls(item.Children),
    }).ToArray();

    private static string? StoredUrl(NavigationLink link, out string? problem) =>
        link.Kind == "path" ? WebLinks.SitePath(link.Url, out problem) : WebLinks.Absolute(link.Url, httpsOnly: false, out problem);

    private static async Task<Dictionary<string, string[]>> CheckAsync(
        NavigationMenuWrite menu, string edition, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string problem) => errors.TryAdd(field, [problem]);

        var all = Walk(menu.Items).ToArray();
        if (all.Length > MaxItems)
        {
            Add("items", $"A menu has at most {MaxItems} items; this one has {all.Length}.");
            return errors;
        }

        foreach (var (path, depth, item) in all)
        {
            if (item is null)
            {
                Add(path, "An item is an object with a label.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Label) || item.Label.Length > 100)
            {
                Add($"{path}.label", "label is required, at most 100 characters.");
            }

            if (depth == MaxDepth && item.Children is { Length: > 0 })
            {
                Add($"{path}.children", $"Menus nest at most {MaxDepth} levels deep.");
            }

            if (item.Link is null ? item.Children is not { Length: > 0 } : LinkProblem(item.Link) is not null)
            {
                Add($"{path}.link", item.Link is null ? "link is required unless the item has children (a heading)." : LinkProblem(item.Link)!);
            }
        }

        // Internal targets must exist in this edition now; whether they are published is decided on each read.
        var links = all.Where(a => a.Item?.Link is { Id: not null, Kind: "post" or "page" or "tag" } && !errors.ContainsKey($"{a.Path}.link"))
            .Select(a => (a.Path, Link: a.Item.Link!)).ToArray();
        if (links.Length > 0)
        {
            var found = (await conn.QueryAsync<(long Id, string Kind)>(new CommandDefinition(TargetsSql, new
            {
                Edition = edition,
                PostIds = links.Where(l => l.Link.Kind != "tag").Select(l => l.Link.Id!.Value).ToArray(),
                TagIds = links.Where(l => l.Link.Kind == "tag").Select(l => l.Link.Id!.Value).ToArray(),
            }, tx, cancellationToken: ct))).ToHashSet();
            foreach (var (path, link) in links.Where(l => !found.Contains((l.Link.Id!.Value, l.Link.Kind!))))
            {
                Add($"{path}.link", $"There is no {link.Kind} with id {link.Id} in edition '{edition}'.");
            }
        }

        return errors;
    }

    private static string? LinkProblem(NavigationLink link) => link.Kind switch
    {
        "post" or "page" or "tag" => link is { Id: > 0, Slug: null, Url: null } ? null : $"A {link.Kind} link takes its target's id only (slugs change; ids do not).",
        "collection" or "gallery" => link is { Id: null, Url: null, Slug: { } slug } && Text.Slug.Problem(Text.Slug.Canonical(slug)) is null
            ? null : $"A {link.Kind} link takes the {link.Kind}'s slug only.",
        "home" => link is { Id: null, Slug: null, Url: null } ? null : "A home link takes nothing but its kind.",
        "external" or "path" => link is not { Id: null, Slug: null } ? $"A {link.Kind} link takes a url only."
            : StoredUrl(link, out var problem) is null ? problem : null,
        _ => $"kind must be one of {string.Join(", ", Kinds)}.",
    };
}
