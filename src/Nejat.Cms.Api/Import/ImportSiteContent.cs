using System.Globalization;
using System.Text.Json;
using Dapper;
using Nejat.Cms.Api.Features.Navigation;
using Nejat.Cms.Api.Features.Settings;
using Npgsql;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// Writes the import's pages, settings and navigation, after its posts (a menu may link to any of them).
/// They are few, so each is one statement; settings and menus are checked by the admin API's own rules.
/// </summary>
internal static class ImportSiteContent
{
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    // A page keeps its date when the line gives none (now for a new published page); a post's slug is not a page's.
    private const string UpsertPageSql = """
        WITH upserted AS (
            INSERT INTO posts (edition, slug, kind, status, published_at, title, excerpt, body_html, translation_key)
            SELECT @Edition, @Slug, 'page', @Status,
                   coalesce(@PublishedAt, (SELECT published_at FROM posts WHERE edition = @Edition AND slug = @Slug),
                            CASE WHEN @Status = 'published' THEN now() END),
                   @Title, @Excerpt, @BodyHtml, @TranslationKey
            ON CONFLICT (edition, slug) DO UPDATE
                SET status = excluded.status, published_at = excluded.published_at, title = excluded.title, excerpt = excluded.excerpt,
                    body_html = excluded.body_html, translation_key = excluded.translation_key, version = posts.version + 1, updated_at = now()
                WHERE posts.kind = 'page'
                  AND (posts.status, posts.published_at, posts.title, posts.excerpt, posts.body_html, posts.translation_key)
                      IS DISTINCT FROM
                      (excluded.status, excluded.published_at, excluded.title, excluded.excerpt, excluded.body_html, excluded.translation_key)
            RETURNING xmax = 0 AS inserted)
        SELECT (SELECT inserted FROM upserted) AS inserted,
               -- The statement does not see its own insert: a row it wrote is a page; else the one there decides.
               EXISTS (SELECT 1 FROM upserted) OR EXISTS (SELECT 1 FROM posts WHERE edition = @Edition AND slug = @Slug AND kind = 'page') AS is_page
        """;

    private const string EditionExistsSql = "SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition)";

    private const string TargetSql = """
        SELECT id FROM posts WHERE @Kind <> 'tag' AND edition = @Edition AND slug = @Slug AND kind = @Kind
        UNION ALL
        SELECT id FROM tags WHERE @Kind = 'tag' AND edition = @Edition AND slug = @Slug
        """;

    public static async Task<(long Inserted, long Updated)> UpsertPagesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<PageLine> pages, CancellationToken ct)
    {
        var (inserted, updated) = (0L, 0L);
        foreach (var page in pages)
        {
            await RequireEditionAsync(conn, tx, page.Line, page.Edition, "page", ct);
            var (isNew, isPage) = await conn.QuerySingleAsync<(bool?, bool)>(new CommandDefinition(UpsertPageSql, page, tx, cancellationToken: ct));
            if (!isPage)
            {
                throw new ImportLineException(page.Line, $"slug '{page.Slug}' is a post's in edition {page.Edition} (a page needs its own slug)");
            }

            inserted += isNew == true ? 1 : 0;
            updated += isNew == false ? 1 : 0;
        }

        return (inserted, updated);
    }

    /// <summary>Settings and menus, each checked as the admin API's PUT checks it; returns how many changed.</summary>
    public static async Task<int> WriteDocumentsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<SettingsLine> settings, IEnumerable<NavigationLine> menus, CancellationToken ct)
    {
        var changed = 0;
        foreach (var line in settings)
        {
            await RequireEditionAsync(conn, tx, line.Line, line.Edition, "settings", ct);
            changed += Checked(line.Line, await SiteSettingsRules.Document.ImportAsync(conn, tx, line.Edition, line.Settings, StoredJson, ct));
        }

        foreach (var line in menus)
        {
            await RequireEditionAsync(conn, tx, line.Line, line.Edition, "navigation", ct);
            var menu = new NavigationMenuWrite(await WithTargetIdsAsync(conn, tx, line, line.Menu.Items, "items", ct));
            changed += Checked(line.Line, await NavigationRules.Document.ImportAsync(conn, tx, line.Edition, menu, StoredJson, ct));
        }

        return changed;
    }

    private static int Checked(int line, (bool Changed, Dictionary<string, string[]> Errors) result) =>
        result.Errors.FirstOrDefault() is { Key: { } field, Value: [var problem, ..] }
            ? throw new ImportLineException(line, $"{field}: {problem}")
            : result.Changed ? 1 : 0;

    /// <summary>The items with each post, page and tag link's slug replaced by its target's id.</summary>
    private static async Task<NavigationItem[]?> WithTargetIdsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, NavigationLine line, NavigationItem[]? items, string path, CancellationToken ct)
    {
        if (items is null)
        {
            return null;
        }

        var resolved = new NavigationItem[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            var item = items[i] ?? throw new ImportLineException(line.Line, $"{itemPath}: an item is an object with a label");
            var link = item.Link;
            if (link is { Kind: "post" or "page" or "tag", Id: null, Slug: { } slug })
            {
                var id = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(TargetSql,
                    new { link.Kind, line.Edition, Slug = Text.Slug.Canonical(slug) }, tx, cancellationToken: ct))
                    ?? throw new ImportLineException(line.Line, $"{itemPath}.link: there is no {link.Kind} '{slug}' in edition {line.Edition} (import it first, in this file or before)");
                link = link with { Id = id, Slug = null };
            }

            resolved[i] = item with { Link = link, Children = await WithTargetIdsAsync(conn, tx, line, item.Children, $"{itemPath}.children", ct) };
        }

        return resolved;
    }

    private static async Task RequireEditionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int line, string edition, string what, CancellationToken ct)
    {
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EditionExistsSql, new { Edition = edition }, tx, cancellationToken: ct)))
        {
            throw new ImportLineException(line, $"{what} of unknown edition '{edition}' (add an edition line or use en, ar, fa, sq)");
        }
    }
}
