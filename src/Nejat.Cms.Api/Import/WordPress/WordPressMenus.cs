using System.Text.Json;
using Dapper;
using Nejat.Cms.Api.Features.Navigation;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// WordPress menus (nav_menu_item) become editions' navigation: each menu that of the edition its
/// links are in (one menu per edition: the largest), sub-menus as children (three levels, as the
/// navigation allows). Links to the site's posts, pages, categories and tags name the imported post,
/// page or tag by id; custom links into the old site are rewritten like body links (its home page is
/// the edition's home); other http(s) links are kept as external links. The document is checked by
/// the navigation's own rules and written like an editor's, with a version; one an editor made or
/// changed is not replaced unless --overwrite.
/// </summary>
internal sealed class WordPressMenus(bool overwrite, WordPressReport report, OldSiteLinks links)
{
    private const int MaxLabel = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Menu(SiteData Site, string Reference, string Name, string Edition, NavigationItem[] Items, int Count);

    private const string CurrentSql = "SELECT version, body::text AS body FROM edition_documents WHERE edition = @Edition AND name = 'navigation'";

    private const string WriteSql = """
        INSERT INTO edition_documents (edition, name, body, version) VALUES (@Edition, 'navigation', @Body::jsonb, 1)
        ON CONFLICT (edition, name) DO UPDATE SET body = excluded.body, version = edition_documents.version + 1, updated_at = now()
        RETURNING version
        """;

    /// <summary>Writes the menus; <paramref name="idOf"/> gives the id of the post, page or tag the ledger names by site key and ref.</summary>
    public async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, WordPressIndex index,
        IReadOnlyDictionary<(string Site, string Ref), LedgerRow> ledger, Func<string, string, long?> idOf, CancellationToken ct)
    {
        var menus = new List<Menu>();
        foreach (var site in index.Sites)
        {
            foreach (var group in site.Items.Values.Where(e => e.Imported && e.Item.Type == "nav_menu_item").GroupBy(e => e.Item.TermSlug("nav_menu") ?? ""))
            {
                var term = site.Terms.GetValueOrDefault(("nav_menu", group.Key));
                var name = WordPressText.Plain(term?.Term.Name ?? Uri.UnescapeDataString(group.Key));
                if (group.First().Edition is not { } edition)
                {
                    report.Skip($"menu '{name}'", "it leads to nothing of a known edition, and no --edition was given for its file");
                    continue;
                }

                var entries = group.ToArray();
                var items = Build(site, entries, name, edition, 0, 1);
                menus.Add(new Menu(site, $"menu:{term?.Term.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? group.Key}",
                    name, edition, items, NavigationRules.Walk(items).Count()));
            }
        }

        foreach (var edition in menus.GroupBy(m => m.Edition))
        {
            var kept = edition.OrderByDescending(m => m.Count).First();
            foreach (var other in edition.Where(m => m != kept))
            {
                report.Skip($"menu '{other.Name}'", $"edition {edition.Key} has one menu, and '{kept.Name}' (the largest) is it");
            }

            await WriteMenuAsync(conn, tx, kept, ledger.GetValueOrDefault((kept.Site.Key, kept.Reference)), ct);
        }

        NavigationItem[] Build(SiteData site, IndexedItem[] entries, string menu, string edition, long parent, int depth) => entries
            .Where(e => (e.Item.MetaId("_menu_item_menu_item_parent") is { } p && entries.Any(x => x.Item.Id == p) ? p : 0) == parent)
            .OrderBy(e => e.Item.MenuOrder).ThenBy(e => e.Item.Id)
            .Select(entry =>
            {
                var children = entries.Where(e => e.Item.MetaId("_menu_item_menu_item_parent") == entry.Item.Id).ToArray();
                if (depth == NavigationRules.MaxDepth && children.Length > 0)
                {
                    report.Note($"menu '{menu}': items below the third level are left out (Nejat CMS menus have three)");
                }

                var (link, defaultLabel) = LinkOf(site, entry, menu, edition, idOf);
                var label = WordPressText.Clean(WordPressText.Plain(entry.Item.Title), "label", out _) is { Length: > 0 } own ? own : defaultLabel;
                var below = depth < NavigationRules.MaxDepth ? Build(site, entries, menu, edition, entry.Item.Id, depth + 1) : [];
                if (label.Length == 0 || link is null && below.Length == 0)
                {
                    return null;
                }

                return new NavigationItem(label.Length <= MaxLabel ? label : label[..MaxLabel], link, below.Length > 0 ? below : null);
            })
            .OfType<NavigationItem>().ToArray();
    }

    /// <summary>Where a menu item leads in Nejat CMS, and the label it has when WordPress gives none (its target's title); a null link for a heading or a dead end (reported).</summary>
    private (NavigationLink? Link, string DefaultLabel) LinkOf(SiteData site, IndexedItem entry, string menu, string edition, Func<string, string, long?> idOf)
    {
        var item = entry.Item;
        var where = $"menu '{menu}'";
        switch (item.MetaValue("_menu_item_type"), WordPressIndex.MenuTarget(site, item))
        {
            case ("post_type", IndexedItem target) when target.Edition == edition && idOf(site.Key, target.Ref) is { } id:
                return (new NavigationLink(target.Item.Type == "page" ? "page" : "post", id), WordPressText.Plain(target.Item.Title));
            case ("taxonomy", IndexedTerm term) when idOf(site.Key, term.RefIn(edition)) is { } id:
                return (new NavigationLink("tag", id), WordPressText.Plain(term.Term.Name));
            case ("custom", _):
                return (Custom(site, item.MetaValue("_menu_item_url")?.Trim() ?? "", where, edition, idOf), "");
            default:
                report.Note($"{where}: an item leading to something not imported here ({item.MetaValue("_menu_item_object")} {item.MetaValue("_menu_item_object_id")}) is left out");
                return (null, "");
        }
    }

    private NavigationLink? Custom(SiteData site, string url, string where, string edition, Func<string, string, long?> idOf)
    {
        if (url.Length == 0 || url.StartsWith('#'))
        {
            return null; // a heading
        }

        var (outcome, target, rewritten) = links.Find(url, site);
        switch (outcome, target)
        {
            case (LinkOutcome.Found, { Kind: "home" }):
                return new NavigationLink("home"); // the old site's home is each menu's edition's home
            case (LinkOutcome.Found, { Kind: "post" or "page" or "tag", Site: { } key, Ref: { } reference }) when target.Edition == edition && idOf(key, reference) is { } id:
                return new NavigationLink(target.Kind, id);
            case (LinkOutcome.Found, _) when WebLinks.SitePath(rewritten, out _) is { } path:
                return new NavigationLink("path", Url: path);
            case (LinkOutcome.NotFound, _):
                report.UnresolvedLink(url, where);
                break;
        }

        if (WebLinks.Absolute(outcome == LinkOutcome.Found ? rewritten : url, httpsOnly: false, out _) is { } external)
        {
            return new NavigationLink("external", Url: external);
        }

        report.Note($"{where}: the link '{url}' is neither a page of the site nor an http(s) URL; left out");
        return null;
    }

    private async Task WriteMenuAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Menu menu, LedgerRow? ledger, CancellationToken ct)
    {
        var (document, errors) = await NavigationRules.Document.Validate(new NavigationMenuWrite(menu.Items), menu.Edition, conn, tx, ct);
        if (errors.Count > 0)
        {
            report.Skip($"menu '{menu.Name}'", string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
            return;
        }

        var body = JsonSerializer.Serialize(document, Json);
        var hash = WordPressText.Hash(menu.Edition, body);
        var current = await conn.QuerySingleOrDefaultAsync<(int Version, string Body)?>(new CommandDefinition(CurrentSql, new { menu.Edition }, tx, cancellationToken: ct));
        // A menu no import wrote is an editor's.
        var change = ledger is null && current is { } existing && HasItems(existing.Body) && !overwrite ? Change.Conflict : ledger.Decide(hash, overwrite);
        report.Of("navigation").Count(change);
        if (change == Change.Conflict)
        {
            report.Conflict($"menu '{menu.Name}'", $"edition {menu.Edition}'s navigation was made or changed in Nejat CMS");
        }

        if (change is not (Change.New or Change.Update))
        {
            return;
        }

        var version = await conn.ExecuteScalarAsync<int>(new CommandDefinition(WriteSql, new { menu.Edition, Body = body }, tx, cancellationToken: ct));
        await WordPressLedger.SaveAsync(conn, tx, [new LedgerRow { Site = menu.Site.Key, Ref = menu.Reference, Edition = menu.Edition, SourceHash = hash, Version = version }], ct);
    }

    private static bool HasItems(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0;
    }
}
