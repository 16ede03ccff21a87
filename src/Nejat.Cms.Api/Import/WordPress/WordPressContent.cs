using System.Globalization;
using System.Net;
using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Redirects;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>A category or tag of the export in one edition: the tag it becomes.</summary>
internal sealed class TagPlan(SiteData site, IndexedTerm term, string edition, string slug, string name, string hash, LedgerRow? ledger)
{
    public SiteData Site => site;
    public IndexedTerm Term => term;
    public string Edition => edition;
    public string Ref => term.RefIn(edition);
    public string Slug { get; set; } = slug;
    public string Name => name;
    public string Hash => hash;
    public LedgerRow? Ledger => ledger;
    public long? Id { get; set; }
    public Change Change { get; set; }

    public string Describe() => $"{(term.Term.Taxonomy == "category" ? "category" : "tag")} '{name}' ({edition})";
}

/// <summary>A post or page of the export: its slug in Nejat CMS (chosen before any body is converted, so links can name it).</summary>
internal sealed class PostPlan(IndexedItem entry, LedgerRow? ledger, string slug)
{
    public IndexedItem Entry => entry;
    public LedgerRow? Ledger => ledger;
    public string Kind => entry.Item.Type == "page" ? "page" : "post";
    public string Slug => slug;
    public string Title { get; set; } = "";
    public string? TranslationKey { get; set; }
}

/// <summary>A [gallery] of a post: the Nejat gallery it becomes.</summary>
internal sealed record GalleryPlan(SiteData Site, string Ref, string Edition, string Slug, string Title, long[] MediaIds, LedgerRow? Ledger);

/// <summary>
/// Everything but media, in the caller's one transaction: authors, tags, posts and pages (streamed to
/// a staging table by binary COPY as the export is read a second time, then written set-wise with
/// their tags, old slugs, revisions and ledger rows), galleries, menus and old URLs.
/// </summary>
internal sealed class WordPressContent(
    WordPressImportOptions options, CmsOptions cms, WordPressIndex index, IReadOnlyDictionary<(string Site, string Ref), MediaRow> media,
    WordPressReport report, TextWriter output)
{
    private const int MaxTagsPerPost = 50;
    private const int MaxExcerptLength = 2_000;

    private readonly OldSiteLinks _links = new(cms);
    private readonly Dictionary<(string Site, string Login), string> _authors = [];
    private readonly Dictionary<(string Site, string Ref), TagPlan> _tags = [];
    private readonly Dictionary<(string Site, long Id), PostPlan> _posts = [];
    private readonly List<GalleryPlan> _galleries = [];
    private readonly HashSet<string> _gallerySlugs = new(StringComparer.Ordinal);
    private Dictionary<(string Site, string Ref), LedgerRow> _ledger = [];

    public async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var sites = index.Sites.Select(s => s.Key).ToArray();
        var editions = index.Items.Select(e => e.Edition).Concat(index.Sites.SelectMany(s => s.Terms.Values.SelectMany(t => t.Editions)))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        // Slugs are chosen here, so no one else may choose one in these editions until the import commits.
        foreach (var edition in editions)
        {
            await SlugAllocation.LockAsync(conn, tx, SlugTable.Posts, edition, ct);
            await SlugAllocation.LockAsync(conn, tx, SlugTable.Tags, edition, ct);
        }

        await SlugAllocation.LockAsync(conn, tx, SlugTable.Galleries, null, ct);
        _gallerySlugs.UnionWith(await conn.QueryAsync<string>(new CommandDefinition("SELECT slug FROM galleries", transaction: tx, cancellationToken: ct)));
        _ledger = (await conn.QueryAsync<LedgerRow>(new CommandDefinition(WordPressSql.Ledger, new { Sites = sites }, tx, cancellationToken: ct)))
            .ToDictionary(r => (r.Site, r.Ref));

        await WriteAuthorsAsync(conn, tx, ct);
        await WriteTagsAsync(conn, tx, editions, ct);
        await PlanPostsAsync(conn, tx, editions, ct);
        await LoadLinksAsync(conn, tx, ct);
        await StagePostsAsync(conn, tx, ct);
        var targets = (await conn.QueryAsync<(string Site, string Ref, long? PostId, long? TagId, long? MediaId, long? GalleryId)>(
                new CommandDefinition(WordPressSql.Targets, new { Sites = sites }, tx, cancellationToken: ct)))
            .ToDictionary(t => (t.Site, t.Ref));
        await WriteGalleriesAsync(conn, tx, ct);
        await new WordPressMenus(options.Overwrite, report, _links).WriteAsync(conn, tx, index, _ledger,
            (site, reference) => targets.GetValueOrDefault((site, reference)) is var found ? found.PostId ?? found.TagId : null, ct);
        await WriteOldUrlsAsync(conn, tx, ct);
        foreach (var site in index.Sites)
        {
            await Audit.RecordAsync(conn, tx, null, WordPressSql.KeyName, "wordpress.import", $"wordpress/{site.Host}", null, ct);
        }
    }

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

    /// <summary>
    /// Every post's and page's slug, before any body is converted: one already imported keeps its slug
    /// unless WordPress's changed (and not when an editor changed the post); a new one gets WordPress's,
    /// or -2, -3 … when the edition has it already (posts and pages share an edition's slugs).
    /// </summary>
    private async Task PlanPostsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] editions, CancellationToken ct)
    {
        var entries = index.Items.Where(e => e.Imported && e.Item.Type is "post" or "page").ToArray();
        var own = entries.Select(e => _ledger.GetValueOrDefault((e.Site.Key, e.Ref))?.PostId).OfType<long>().ToHashSet();
        var taken = editions.ToDictionary(e => e, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (id, edition, slug) in await conn.QueryAsync<(long, string, string)>(new CommandDefinition(
                     "SELECT id, edition, slug FROM posts WHERE edition = ANY(@Editions)", new { Editions = editions }, tx, cancellationToken: ct)))
        {
            if (!own.Contains(id))
            {
                taken[edition].Add(slug);
            }
        }

        // Posts imported before first, so a new post never takes a slug one of them keeps.
        foreach (var entry in entries.OrderBy(e => _ledger.GetValueOrDefault((e.Site.Key, e.Ref)) is not { PostId: not null }))
        {
            var ledger = _ledger.GetValueOrDefault((entry.Site.Key, entry.Ref));
            if (ledger is { TargetGone: true } && !options.Overwrite)
            {
                report.Skip(entry.Describe(), "it was deleted in Nejat CMS since the last import (--overwrite brings it back)");
                continue;
            }

            var wanted = WordPressText.Slug(entry.Item.PostName, WordPressText.Plain(entry.Item.Title));
            var slug = ledger is { PostSlug: { } current } && ledger.EditedSince && !options.Overwrite
                ? current
                : Allocate(taken[entry.Edition!], wanted, ledger?.PostSlug);
            taken[entry.Edition!].Add(slug);
            _posts[(entry.Site.Key, entry.Item.Id)] = new PostPlan(entry, ledger?.PostId is null ? null : ledger, slug);
        }

        LinkTranslations();
    }

    /// <summary>The slug to use: the current one while it is WordPress's (or a numbered form of it), else WordPress's, else the first free numbered form.</summary>
    private static string Allocate(HashSet<string> taken, string wanted, string? current)
    {
        static bool Numbered(string slug, string of) =>
            slug.StartsWith(of + "-", StringComparison.Ordinal) && slug[(of.Length + 1)..] is { Length: > 0 } n && n.All(char.IsAsciiDigit);

        return current is not null && (current == wanted || Numbered(current, wanted)) && !taken.Contains(current) ? current
            : !taken.Contains(wanted) ? wanted
            : Enumerable.Range(2, int.MaxValue - 2).Select(n => Slug.Numbered(wanted, n)).First(s => !taken.Contains(s));
    }

    /// <summary>Polylang's translation groups become stories (translation keys); a post or page in none, or alone in its group, is listed in the report.</summary>
    private void LinkTranslations()
    {
        var groups = _posts.Values.Where(p => p.Entry.Item.TermSlug("post_translations") is not null)
            .GroupBy(p => (p.Entry.Site, Group: p.Entry.Item.TermSlug("post_translations")!));
        foreach (var group in groups)
        {
            var members = group.GroupBy(p => p.Entry.Edition).Select(g => g.First()).ToArray();
            foreach (var extra in group.Except(members))
            {
                report.Note($"{extra.Entry.Describe()} shares its translation group with another {extra.Kind} of its edition: left unlinked");
            }

            if (members.Length > 1)
            {
                foreach (var member in members)
                {
                    member.TranslationKey = $"wordpress:{group.Key.Site.Host}:{group.Key.Group}";
                }
            }
        }

        foreach (var plan in _posts.Values.Where(p => p.TranslationKey is null))
        {
            report.Untranslated(plan.Entry.Describe());
        }
    }

    /// <summary>
    /// The URLs links may point at: those imported before (old_urls) and every URL of this run's sites —
    /// permalinks, ?p= and ?page_id=, category and tag archives (WordPress's default bases), attachment
    /// pages and upload URLs, the home page (and Polylang's language homes).
    /// </summary>
    private async Task LoadLinksAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        foreach (var row in await conn.QueryAsync<OldUrlRow>(new CommandDefinition(OldUrlRow.AllSql, transaction: tx, cancellationToken: ct)))
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

    /// <summary>
    /// The second reading, with content: each post's and page's body converted, what is new or changed
    /// streamed into the staging table by binary COPY, then written in a few statements.
    /// </summary>
    private async Task StagePostsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.CreatePostStage, transaction: tx, cancellationToken: ct));
        var progress = new Progress(output, "posts and pages", _posts.Count);
        var staged = new List<(string Site, string Ref, string Describe)>();
        await using (var copy = await conn.BeginBinaryImportAsync(WordPressSql.CopyPosts, ct))
        {
            var done = new HashSet<(string, long)>();
            foreach (var file in options.Files)
            {
                SiteData? site = null;
                foreach (var node in WxrReader.Read(file.Path, withContent: true))
                {
                    if (node is WxrSite header)
                    {
                        site = index.Sites.First(s => s.Key == header.BaseBlogUrl.TrimEnd('/'));
                    }
                    else if (node is WxrItem item && _posts.TryGetValue((site!.Key, item.Id), out var plan) && done.Add((site.Key, item.Id)))
                    {
                        if (Prepare(plan, item) is { } row)
                        {
                            await WriteRowAsync(copy, row, ct);
                            staged.Add((row.Site, row.Ref, plan.Entry.Describe()));
                        }

                        progress.Step();
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }

        // A story key another post of the edition holds (made in Nejat CMS) stays with that post.
        var refused = (await conn.QueryAsync<(string Site, string Ref)>(new CommandDefinition(WordPressSql.TakenTranslationKeys, transaction: tx, cancellationToken: ct))).ToArray();
        if (refused.Length > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(WordPressSql.DropTranslationKeys,
                new { Sites = refused.Select(r => r.Site).ToArray(), Refs = refused.Select(r => r.Ref).ToArray() }, tx, cancellationToken: ct));
            foreach (var (site, reference) in refused)
            {
                report.Note($"{staged.First(s => s.Site == site && s.Ref == reference).Describe}: its translation is linked to another post in Nejat CMS; left unlinked");
            }
        }

        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.WritePosts, transaction: tx, cancellationToken: ct));
    }

    private sealed record PostRow(
        string Site, string Ref, long? PostId, string Kind, string Edition, string Slug, string Status, DateTime? PublishedAt,
        string Title, string Excerpt, string BodyHtml, string? Author, long[] TagIds, long? FeaturedMediaId, string? TranslationKey,
        string SourceHash, string? OldSlug, string? OldStatus);

    /// <summary>The post as Nejat CMS stores it, when it is new or to be updated; null when it is unchanged, an editor's change stands, or it cannot be imported (reported).</summary>
    private PostRow? Prepare(PostPlan plan, WxrItem item)
    {
        var entry = plan.Entry;
        var describe = entry.Describe();
        if (WordPressText.Clean(WordPressText.Plain(item.Title), "its title", out var problem) is not { } title
            || WordPressText.Clean(item.Content ?? "", "its content", out problem) is not { } content
            || WordPressText.Clean(WordPressText.Plain(item.Excerpt), "its excerpt", out problem) is not { } excerpt)
        {
            report.Skip(describe, problem!);
            return null;
        }

        if (title.Length is 0 or > 500)
        {
            report.Skip(describe, title.Length == 0 ? "it has no title (Nejat CMS needs one)" : "its title is longer than 500 characters");
            return null;
        }

        plan.Title = title;
        var body = WordPressBody.Convert(content, new ItemContext(this, plan));
        foreach (var name in body.UnknownShortcodes)
        {
            report.UnknownShortcode(name, describe);
        }

        foreach (var url in body.UnresolvedLinks)
        {
            report.UnresolvedLink(url, describe);
        }

        if (body.Html.Length > cms.MaxBodyHtmlLength)
        {
            report.Skip(describe, $"its body is {body.Html.Length:N0} characters; Cms__MaxBodyHtmlLength allows {cms.MaxBodyHtmlLength:N0}");
            return null;
        }

        var (status, publishedAt) = StatusOf(item, describe);
        if (status != "draft" && publishedAt is null)
        {
            report.Skip(describe, $"it is {item.Status} but has no date");
            return null;
        }

        var tagIds = item.Terms.Where(t => t.Taxonomy == "category").Concat(item.Terms.Where(t => t.Taxonomy == "post_tag"))
            .Select(t => entry.Site.Terms.GetValueOrDefault((t.Taxonomy, t.Slug)))
            .Select(term => term is null ? null : _tags.GetValueOrDefault((entry.Site.Key, term.RefIn(entry.Edition!)))?.Id)
            .OfType<long>().Distinct().ToArray();
        if (tagIds.Length > MaxTagsPerPost)
        {
            report.Note($"{describe} has {tagIds.Length} categories and tags; the first {MaxTagsPerPost} are kept");
            tagIds = tagIds[..MaxTagsPerPost];
        }

        long? featured = null;
        if (item.MetaId("_thumbnail_id") is { } thumbnail)
        {
            featured = media.GetValueOrDefault((entry.Site.Key, $"post:{thumbnail.ToString(CultureInfo.InvariantCulture)}"))?.Id;
            if (featured is null && !options.DryRun)
            {
                report.Note($"{describe}: its featured image (attachment {thumbnail}) was not imported");
            }
        }

        if (item.Sticky)
        {
            report.Note("sticky posts imported as ordinary posts (Nejat CMS has no sticky flag)");
        }

        if (item.Comments > 0)
        {
            report.Note("comments are not imported (Nejat CMS has none)");
        }

        excerpt = excerpt.Length <= MaxExcerptLength ? excerpt : excerpt[..MaxExcerptLength];
        var author = _authors.GetValueOrDefault((entry.Site.Key, item.Creator));
        var hash = WordPressText.Hash(plan.Kind, entry.Edition, plan.Slug, status, publishedAt, title, excerpt, body.Html, author, tagIds, featured, plan.TranslationKey);
        var ledger = plan.Ledger;
        var change = ledger.Decide(hash, options.Overwrite);
        report.Status(plan.Kind, status);
        report.Of(plan.Kind + "s").Count(change);
        if (change == Change.Conflict)
        {
            report.Conflict(describe, "it was edited in Nejat CMS, and in WordPress too");
        }

        return change is Change.New or Change.Update
            ? new PostRow(entry.Site.Key, entry.Ref, ledger?.PostId, plan.Kind, entry.Edition!, plan.Slug, status, publishedAt, title, excerpt,
                body.Html, author, tagIds, featured, plan.TranslationKey, hash, ledger?.PostSlug, ledger?.PostStatus)
            : null;
    }

    /// <summary>
    /// WordPress's status in Nejat CMS: publish is published (scheduled while its date is ahead), future
    /// scheduled, trash trashed, the rest (draft, pending, private) draft; a password-protected post is a
    /// draft, since Nejat CMS would show it to everyone. Dates come from the GMT fields.
    /// </summary>
    private (string Status, DateTime? PublishedAt) StatusOf(WxrItem item, string describe)
    {
        var date = WordPressText.GmtDate(item.DateGmt) is { Year: > 1 } gmt ? gmt : (DateTime?)null;
        if (item.Password.Length > 0)
        {
            report.Note($"{describe}: password-protected in WordPress, imported as a draft");
            return ("draft", date);
        }

        // A post WordPress has not dated in GMT yet (its schedule was never saved) takes its local date.
        date ??= item.Status is "publish" or "future" ? WordPressText.GmtDate(item.Date) : null;
        return item.Status switch
        {
            "publish" => (date > DateTime.UtcNow ? "scheduled" : "published", date),
            "future" => ("scheduled", date),
            "trash" => ("trashed", date),
            _ => ("draft", date),
        };
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, PostRow row, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(row.Site, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Ref, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.PostId, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Edition, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Slug, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Status, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.PublishedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(row.Title, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Excerpt, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.BodyHtml, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.Author, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.TagIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint, ct);
        await WriteNullableAsync(copy, row.FeaturedMediaId, NpgsqlDbType.Bigint, ct);
        await WriteNullableAsync(copy, row.TranslationKey, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.SourceHash, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.OldSlug, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.OldStatus, NpgsqlDbType.Text, ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    /// <summary>What a body needs from the import: where links lead, the post's attachments, its galleries.</summary>
    private sealed class ItemContext(WordPressContent run, PostPlan plan) : IBodyContext
    {
        private int _galleries;

        public (LinkOutcome Outcome, string Url) Link(string url)
        {
            var (outcome, _, rewritten) = run._links.Find(url, plan.Entry.Site);
            return (outcome, rewritten);
        }

        public IReadOnlyList<long> ChildAttachments() => plan.Entry.Site.Items.Values
            .Where(e => e.Imported && e.Item.Type == "attachment" && e.Item.Parent == plan.Entry.Item.Id)
            .OrderBy(e => e.Item.MenuOrder).ThenBy(e => e.Item.Id).Select(e => e.Item.Id).ToArray();

        public string? Gallery(IReadOnlyList<long> attachmentIds) => run.Gallery(plan, ++_galleries, attachmentIds);
    }

    /// <summary>
    /// The n-th [gallery] of a post becomes a Nejat gallery of its imported images, titled as the post in
    /// its edition; the body shows its images, each linking to the gallery's page on the site.
    /// </summary>
    private string? Gallery(PostPlan plan, int number, IReadOnlyList<long> attachmentIds)
    {
        var (site, describe) = (plan.Entry.Site, plan.Entry.Describe());
        var items = attachmentIds.Select(id => media.GetValueOrDefault((site.Key, $"post:{id.ToString(CultureInfo.InvariantCulture)}"))).OfType<MediaRow>().ToArray();
        var reference = $"gallery:{plan.Entry.Item.Id.ToString(CultureInfo.InvariantCulture)}:{number.ToString(CultureInfo.InvariantCulture)}";
        var ledger = _ledger.GetValueOrDefault((site.Key, reference));
        if (items.Length == 0 || ledger is { TargetGone: true } && !options.Overwrite)
        {
            report.Note($"{describe}: a [gallery] {(items.Length == 0 ? "none of whose images was imported" : "deleted in Nejat CMS")} is left out");
            return null;
        }

        var slug = ledger is { TargetGone: false, GallerySlug: { } kept } ? kept : AllocateGallery(plan.Slug);
        var title = plan.Title.Length <= 500 ? plan.Title : plan.Title[..500];
        _galleries.Add(new GalleryPlan(site, reference, plan.Entry.Edition!, slug, title, items.Select(m => m.Id).Distinct().ToArray(), ledger));
        var path = WebUtility.HtmlEncode(cms.Path(SiteTarget.Gallery, plan.Entry.Edition!, slug));
        var images = string.Concat(items.Select(m =>
            $"<a href=\"{path}\"><img src=\"{WebUtility.HtmlEncode(MediaUrls.Renditions(m).FirstOrDefault(r => r.Type == m.ContentType)?.Url ?? MediaUrls.File(m))}\" alt=\"{WebUtility.HtmlEncode(m.Alt)}\"></a>"));
        return $"<figure>{images}<figcaption><a href=\"{path}\">{WebUtility.HtmlEncode(title)}</a></figcaption></figure>";
    }

    private string AllocateGallery(string postSlug)
    {
        var slug = Allocate(_gallerySlugs, postSlug, null);
        _gallerySlugs.Add(slug);
        return slug;
    }

    private async Task WriteGalleriesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var ledgerRows = new List<LedgerRow>();
        foreach (var gallery in _galleries)
        {
            var hash = WordPressText.Hash(gallery.Edition, gallery.Slug, gallery.Title, gallery.MediaIds);
            var change = gallery.Ledger.Decide(hash, options.Overwrite);
            report.Of("galleries").Count(change);
            if (change == Change.Conflict)
            {
                report.Conflict($"gallery '{gallery.Slug}'", "its title, slug or images were changed in Nejat CMS");
            }

            if (change is not (Change.New or Change.Update))
            {
                continue;
            }

            var (id, version) = await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(change == Change.New
                ? "INSERT INTO galleries (slug) VALUES (@Slug) RETURNING id, version"
                : "UPDATE galleries SET slug = @Slug, version = version + 1, updated_at = now() WHERE id = @Id RETURNING id, version",
                new { gallery.Slug, Id = gallery.Ledger?.GalleryId }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO gallery_titles (gallery_id, edition, title) VALUES (@Id, @Edition, @Title)
                ON CONFLICT (gallery_id, edition) DO UPDATE SET title = excluded.title;
                DELETE FROM gallery_items WHERE gallery_id = @Id;
                INSERT INTO gallery_items (gallery_id, position, media_id)
                SELECT @Id, (w.ord - 1)::smallint, w.media_id FROM unnest(@MediaIds::bigint[]) WITH ORDINALITY AS w(media_id, ord);
                """, new { Id = id, gallery.Edition, gallery.Title, gallery.MediaIds }, tx, cancellationToken: ct));
            ledgerRows.Add(new LedgerRow { Site = gallery.Site.Key, Ref = gallery.Ref, GalleryId = id, Edition = gallery.Edition, SourceHash = hash, Version = version });
        }

        await WordPressLedger.SaveAsync(conn, tx, ledgerRows, ct);
    }

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
                await WriteNullableAsync(copy, target.Edition, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(site, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, target.Ref, NpgsqlDbType.Text, ct);
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
