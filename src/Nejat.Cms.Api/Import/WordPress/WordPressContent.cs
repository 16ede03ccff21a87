using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Npgsql;

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
/// their tags, old slugs, revisions and ledger rows), galleries, menus and old URLs. The work is split
/// by concern: WordPressAuthorsAndTags.cs, WordPressPosts.cs, WordPressGalleries.cs, WordPressOldUrls.cs.
/// </summary>
internal sealed partial class WordPressContent(
    WordPressImportOptions options, CmsOptions cms, WordPressIndex index, IReadOnlyDictionary<(string Site, string Ref), MediaRow> media,
    WordPressReport report, TextWriter output, Steps steps)
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
        steps.Done("authors and tags written, slugs and links planned");
        await StagePostsAsync(conn, tx, ct);
        steps.Done("posts and pages converted and staged");
        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.WritePosts, transaction: tx, cancellationToken: ct));
        steps.Done("posts and pages written");
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

        steps.Done("galleries, menus and old URLs written");
    }
}
