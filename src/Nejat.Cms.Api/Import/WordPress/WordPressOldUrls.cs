using System.Globalization;
using Dapper;
using Nejat.Cms.Api.Features.Redirects;
using Nejat.Cms.Api.Database;
using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>The old URLs of an import: every URL of the old sites links may point at, and those written to old_urls.</summary>
internal sealed partial class WordPressContent
{
    /// <summary>
    /// The URLs links may point at: those imported before (old_urls) and every URL of this run's sites —
    /// permalinks, ?p= and ?page_id=, category and tag archives (WordPress's default bases), attachment
    /// pages and upload URLs, the home page (and Polylang's language homes).
    /// </summary>
    private async Task LoadLinksAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        foreach (var row in await conn.QueryAsync<OldUrlRow>(new CommandDefinition(OldUrlQueries.AllSql, transaction: tx, cancellationToken: ct)))
        {
            _links.AddEarlier(row);
        }

        foreach (var site in index.Sites)
        {
            _links.AddSite(site);
        }

        foreach (var plan in _posts.Values)
        {
            var (site, item) = (plan.Entry.Site, plan.Entry.Item);
            var target = new Destination(plan.Kind, plan.Entry.Edition, plan.Slug, site.Key, plan.Entry.Ref, null);
            _links.Record(site, item.Link, target);
            _links.Record(site, site.Url($"/?p={item.Id.ToString(CultureInfo.InvariantCulture)}"), target);
            if (plan.Kind == "page")
            {
                _links.Record(site, site.Url($"/?page_id={item.Id.ToString(CultureInfo.InvariantCulture)}"), target);
            }
        }

        foreach (var plan in _tags.Values.GroupBy(t => (t.Site, t.Term)).Select(PreferredEdition))
        {
            var (site, term) = (plan.Site, plan.Term.Term);
            var target = new Destination("tag", plan.Edition, plan.Slug, site.Key, plan.Ref, null);
            if (term.Taxonomy == "category")
            {
                _links.Record(site, site.Url($"/category/{CategoryPath(site, term)}/"), target);
                if (term.Id is { } id)
                {
                    _links.Record(site, site.Url($"/?cat={id.ToString(CultureInfo.InvariantCulture)}"), target);
                }
            }
            else
            {
                _links.Record(site, site.Url($"/tag/{term.Slug}/"), target);
                _links.Record(site, site.Url($"/?tag={term.Slug}"), target);
            }
        }

        foreach (var entry in index.Items.Where(e => e.Imported && e.Item.Type == "attachment"))
        {
            var (site, item) = (entry.Site, entry.Item);
            var file = media.GetValueOrDefault((site.Key, entry.Ref));
            if (file is null && !options.DryRun)
            {
                continue; // not stored: its URLs lead nowhere
            }

            var target = new Destination("media", null, null, site.Key, entry.Ref, file);
            _links.Record(site, item.Link, target);
            _links.Record(site, site.Url($"/?attachment_id={item.Id.ToString(CultureInfo.InvariantCulture)}"), target);
            _links.Record(site, site.Url($"/?p={item.Id.ToString(CultureInfo.InvariantCulture)}"), target);
            _links.Record(site, item.AttachmentUrl, target);
            // WordPress also answers an attachment's page by its name alone, as it was before the attachment had a post.
            if (item.PostName.Length > 0)
            {
                _links.Record(site, site.Url($"/{item.PostName}/"), target);
            }
        }

        foreach (var site in index.Sites)
        {
            if (site.MainEdition is { } main)
            {
                _links.Record(site, site.Url("/"), new Destination("home", main, null, null, null, null));
            }

            foreach (var language in site.Terms.Values.Where(t => t.Term.Taxonomy == "language"))
            {
                if (index.Items.Any(e => e.Edition == language.Term.Slug))
                {
                    _links.Record(site, site.Url($"/{language.Term.Slug}/"), new Destination("home", language.Term.Slug, null, null, null, null));
                }
            }
        }
    }

    // A category's archive URL names its ancestors too: /category/media/cartoons/.
    private static string CategoryPath(SiteData site, WxrTerm term)
    {
        var path = new List<string> { term.Slug };
        for (var parent = term.ParentSlug; parent.Length > 0 && path.Count < 20 && site.Terms.TryGetValue(("category", parent), out var up); parent = up.Term.ParentSlug)
        {
            path.Insert(0, up.Term.Slug);
        }

        return string.Join('/', path);
    }

    // A category in several editions has one archive URL: it leads to the tag of its file's edition, or of the site's main one.
    private static TagPlan PreferredEdition(IGrouping<(SiteData Site, IndexedTerm Term), TagPlan> plans) =>
        plans.FirstOrDefault(p => p.Edition == p.Term.File.Edition) ?? plans.FirstOrDefault(p => p.Edition == p.Site.MainEdition) ?? plans.First();

    private async Task WriteOldUrlsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.CreateOldUrlStage, transaction: tx, cancellationToken: ct));
        await using (var copy = await conn.BeginBinaryImportAsync(WordPressSql.CopyOldUrls, ct))
        {
            foreach (var (host, path, target, site) in _links.Recorded)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(host, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(path, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(target.Kind == "page" ? "post" : target.Kind, NpgsqlDbType.Text, ct);
                await copy.WriteOrNullAsync(target.Edition, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(site, NpgsqlDbType.Text, ct);
                await copy.WriteOrNullAsync(target.Ref, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        var (inserted, updated) = await conn.QuerySingleAsync<(long, long)>(new CommandDefinition(WordPressSql.WriteOldUrls, transaction: tx, cancellationToken: ct));
        var urls = report.Of("old URLs");
        urls.New += (int)inserted;
        urls.Changed += (int)updated;
        urls.Unchanged += _links.Recorded.Count - (int)(inserted + updated);
    }
}
