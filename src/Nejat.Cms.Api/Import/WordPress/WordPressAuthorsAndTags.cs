using Dapper;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>The authors and tags of an import: WordPress users, categories and tags.</summary>
internal sealed partial class WordPressContent
{
    /// <summary>WordPress users become authors by their login (as a slug) with their display names; existing authors are left as they are.</summary>
    private async Task WriteAuthorsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in index.Sites)
        {
            var logins = site.Authors.Keys.Concat(site.Items.Values.Where(e => e.Imported && e.Item.Type is "post" or "page").Select(e => e.Item.Creator))
                .Where(login => login.Length > 0).Distinct(StringComparer.Ordinal);
            foreach (var login in logins)
            {
                var display = site.Authors.GetValueOrDefault(login)?.DisplayName ?? "";
                if (WordPressText.Clean(WordPressText.Plain(display.Length > 0 ? display : login), "its display name", out var problem) is not { } name)
                {
                    report.Skip($"author '{login}'", $"{problem}; their posts have no author");
                    continue;
                }

                var slug = Slug.FromTitle(login);
                _authors[(site.Key, login)] = slug;
                wanted.TryAdd(slug, name.Length <= 200 ? name : name[..200]);
            }
        }

        var inserted = (await conn.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO authors (slug, name) SELECT * FROM unnest(@Slugs::text[], @Names::text[])
            ON CONFLICT (slug) DO NOTHING RETURNING slug
            """, new { Slugs = wanted.Keys.ToArray(), Names = wanted.Values.ToArray() }, tx, cancellationToken: ct))).Count();
        report.Of("authors").New += inserted;
        report.Of("authors").Existing += wanted.Count - inserted;
    }

    /// <summary>
    /// Categories (first) and tags become tags of each edition whose posts carry them, matched by their
    /// WordPress id; a new one whose slug an edition's tag already has becomes that tag (a category and a
    /// tag of one slug become one tag).
    /// </summary>
    private async Task WriteTagsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] editions, CancellationToken ct)
    {
        var existing = (await conn.QueryAsync<(long Id, string Edition, string Slug)>(new CommandDefinition(
                "SELECT id, edition, slug FROM tags WHERE edition = ANY(@Editions)", new { Editions = editions }, tx, cancellationToken: ct)))
            .ToDictionary(t => (t.Edition, t.Slug), t => (long?)t.Id);
        var plans = new List<TagPlan>();
        foreach (var site in index.Sites)
        {
            foreach (var term in site.Terms.Values.Where(t => t.Term.Taxonomy is "category" or "post_tag").OrderBy(t => t.Term.Taxonomy != "category"))
            {
                foreach (var edition in term.Editions)
                {
                    var ledger = _ledger.GetValueOrDefault((site.Key, term.RefIn(edition)));
                    if (WordPressText.Clean(WordPressText.Plain(term.Term.Name), "its name", out var problem) is not { } name)
                    {
                        report.Skip($"{term.Term.Taxonomy} '{term.Term.Slug}' ({edition})", problem!);
                        continue;
                    }

                    var slug = WordPressText.Slug(term.Term.Slug, name);
                    name = name.Length == 0 ? slug : name.Length <= 200 ? name : name[..200];
                    var plan = new TagPlan(site, term, edition, slug, name, WordPressText.Hash(edition, slug, name), ledger);
                    plan.Change = ledger.Decide(plan.Hash, options.Overwrite);
                    switch (plan.Change)
                    {
                        case Change.Deleted:
                            report.Skip(plan.Describe(), "its tag was deleted in Nejat CMS since the last import (--overwrite brings it back)");
                            continue;
                        case Change.Unchanged or Change.Conflict:
                            (plan.Id, plan.Slug) = (ledger!.TagId, ledger.TagSlug!);
                            break;
                        case Change.Update:
                            plan.Id = ledger!.TagId;
                            // A new slug another tag of the edition has stays with that tag.
                            if (existing.GetValueOrDefault((edition, slug)) is { } other && other != ledger.TagId)
                            {
                                plan.Slug = ledger.TagSlug!;
                            }

                            break;
                        case Change.New when existing.TryGetValue((edition, slug), out var id):
                            // The edition has this tag already: made in Nejat CMS, or a moment ago from a category of the same slug.
                            plan.Id = id;
                            report.Of("tags").Existing++;
                            if (id is null)
                            {
                                report.Note($"{plan.Describe()} and the category of the same slug are one tag");
                            }

                            break;
                        case Change.New:
                            existing[(edition, slug)] = null;
                            report.Of("tags").New++;
                            break;
                    }

                    if (plan.Change == Change.Conflict)
                    {
                        report.Conflict(plan.Describe(), "its name or slug was changed in Nejat CMS");
                    }

                    if (plan.Change != Change.New)
                    {
                        report.Of("tags").Count(plan.Change);
                    }

                    _tags[(site.Key, plan.Ref)] = plan;
                    plans.Add(plan);
                }
            }
        }

        var fresh = plans.Where(p => p.Change == Change.New && p.Id is null).DistinctBy(p => (p.Edition, p.Slug)).ToArray();
        // A category and a tag (or two plans) sharing a slug were found in existing above: the first of them is inserted.
        var ids = (await conn.QueryAsync<(long Id, string Edition, string Slug)>(new CommandDefinition("""
            INSERT INTO tags (edition, slug, name) SELECT * FROM unnest(@Editions::text[], @Slugs::text[], @Names::text[])
            RETURNING id, edition, slug
            """, new { Editions = fresh.Select(p => p.Edition).ToArray(), Slugs = fresh.Select(p => p.Slug).ToArray(), Names = fresh.Select(p => p.Name).ToArray() },
            tx, cancellationToken: ct))).ToDictionary(t => (t.Edition, t.Slug), t => t.Id);
        var changed = plans.Where(p => p.Change == Change.Update).ToArray();
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE tags t SET slug = u.slug, name = u.name, version = t.version + 1, updated_at = now()
            FROM unnest(@Ids::bigint[], @Slugs::text[], @Names::text[]) AS u(id, slug, name) WHERE t.id = u.id
            """, new { Ids = changed.Select(p => p.Id!.Value).ToArray(), Slugs = changed.Select(p => p.Slug).ToArray(), Names = changed.Select(p => p.Name).ToArray() },
            tx, cancellationToken: ct));
        foreach (var plan in plans.Where(p => p.Id is null))
        {
            plan.Id = ids[(plan.Edition, plan.Slug)];
        }

        var written = plans.Where(p => p.Change is Change.New or Change.Update).ToArray();
        var versions = (await conn.QueryAsync<(long Id, int Version)>(new CommandDefinition(
            "SELECT id, version FROM tags WHERE id = ANY(@Ids)", new { Ids = written.Select(p => p.Id!.Value).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(t => t.Id, t => t.Version);
        await WordPressLedger.SaveAsync(conn, tx, written.Select(p => new LedgerRow
        {
            Site = p.Site.Key, Ref = p.Ref, TagId = p.Id, Edition = p.Edition, SourceHash = p.Hash, Version = versions[p.Id!.Value],
        }), ct);
    }
}
