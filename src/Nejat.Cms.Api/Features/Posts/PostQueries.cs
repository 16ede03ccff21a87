using Dapper;
using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>How a list page is found: by number (offset), or after a cursor towards older or newer posts (keyset).</summary>
internal enum PostListMode
{
    Numbered,
    Older,
    Newer,
}

/// <summary>
/// The public post SQL. Public means status = 'published'; scheduled posts become published when
/// their time comes, so no query needs a clock. Lists are ordered newest first with id as the tie-break.
/// Pages are rows of posts too (kind = 'page'): every query here says kind = 'post', which also
/// matches the partial indexes' predicate.
/// </summary>
internal static class PostQueries
{
    public const string ResolveFilter = """
        SELECT (SELECT id FROM tags WHERE edition = @Edition AND slug = @Tag) AS tag_id,
               (SELECT id FROM authors WHERE slug = @Author) AS author_id,
               (SELECT time_zone FROM editions WHERE code = @Edition) AS time_zone
        """;

    // Each filter combination has its own fixed statements, so each gets its own index and its own
    // prepared plan: a catch-all "(@TagId IS NULL OR …)" would share one generic plan for all of them.
    // A list is one round trip: a filtered list's ResolveFilter first (whether its tag and author
    // exist: the 404s), the exact total (unless count=false), then the page. The filters name their
    // tag and author by slug, found by a subselect in each statement, so no statement waits for
    // another's ids. The page picks its ids from an index alone before fetching rows, so skipped rows
    // cost no heap reads; one row more than the page tells whether another page follows. A
    // publishedAt range (from/to) narrows the same index range from both ends; its bounds need the
    // edition's time zone, so a list with a range resolves its filters before, in a round trip of its own.
    // The page's size is written in (WrittenPage), so that each size keeps a cached plan; a numbered
    // page further on sends its offset and is planned on each execution.
    public static string List(bool withTag, bool byAuthor, bool inRange, PostListMode mode, bool withTotal, int limit, int offset) =>
        ListStatements[((withTag, byAuthor) switch
        {
            (false, false) => InEdition,
            (true, false) => WithTag,
            (false, true) => ByAuthor,
            _ => WithTagByAuthor,
        }, inRange, mode, withTotal)].WithPageWrittenIn(limit, offset);

    private static string Compose(ListSource source, bool inRange, PostListMode mode, bool withTotal)
    {
        var (at, id) = (source.PublishedAt, source.Id);
        var matching = inRange ? $"{source.Ids} AND {at} >= @From AND {at} < @To" : source.Ids;
        var ids = mode switch
        {
            PostListMode.Numbered => $"{matching} ORDER BY {at} DESC, {id} DESC LIMIT @Limit OFFSET @Offset",
            PostListMode.Older => $"{matching} AND ({at}, {id}) < (@At, @AfterId) ORDER BY {at} DESC, {id} DESC LIMIT @Limit",
            _ => $"{matching} AND ({at}, {id}) > (@At, @AfterId) ORDER BY {at}, {id} LIMIT @Limit",
        };
        var page = $"""
            {SummaryColumns}
            FROM ({ids}) page
            JOIN posts p ON p.id = page.id
            {SummaryJoins}
            ORDER BY p.published_at DESC, p.id DESC;
            """;
        // Kept counts cover whole lists; a range, or a filter without one, counts its index entries.
        var total = source.KeptTotal is { } kept && !inRange ? kept : $"SELECT count(*) FROM ({matching}) matching";
        var statements = withTotal ? $"{total};\n{page}" : page;
        return source.Filtered && !inRange ? $"{ResolveFilter};\n{statements}" : statements;
    }

    /// <summary>One filter's statements: whether it names a tag or an author, its kept total if it has one, and its ids with the columns that order them.</summary>
    private sealed record ListSource(bool Filtered, string? KeptTotal, string Ids, string PublishedAt, string Id);

    private const string TagId = "(SELECT id FROM tags WHERE edition = @Edition AND slug = @Tag)";
    private const string AuthorId = "(SELECT id FROM authors WHERE slug = @Author)";

    // The total is kept on the edition by a trigger: counting 25,000 index entries per request was
    // most of this endpoint's cost on the benchmark's 100,000 posts.
    private static readonly ListSource InEdition = new(
        false,
        "SELECT post_count::bigint FROM editions WHERE code = @Edition",
        "SELECT id FROM posts WHERE edition = @Edition AND status = 'published' AND kind = 'post'",
        "published_at", "id");

    // A tag belongs to one edition, so its posts need no edition test; its count is kept on the tag.
    private static readonly ListSource WithTag = new(
        true,
        "SELECT post_count::bigint FROM tags WHERE edition = @Edition AND slug = @Tag",
        $"SELECT post_id AS id FROM post_tags WHERE tag_id = {TagId} AND published",
        "published_at", "post_id");

    private static readonly ListSource ByAuthor = new(
        true,
        null,
        $"SELECT id FROM posts WHERE author_id = {AuthorId} AND edition = @Edition AND status = 'published' AND kind = 'post'",
        "published_at", "id");

    // With an author too, the author index (partial on published) narrows the posts first.
    private static readonly ListSource WithTagByAuthor = new(
        true,
        null,
        $"""
        SELECT pt.post_id AS id FROM post_tags pt JOIN posts a ON a.id = pt.post_id
        WHERE pt.tag_id = {TagId} AND pt.published
          AND a.author_id = {AuthorId} AND a.edition = @Edition AND a.status = 'published' AND a.kind = 'post'
        """,
        "pt.published_at", "pt.post_id");

    // Every combination, composed once from the fixed parts above.
    private static readonly Dictionary<(ListSource, bool, PostListMode, bool), string> ListStatements =
        (from source in new[] { InEdition, WithTag, ByAuthor, WithTagByAuthor }
         from inRange in new[] { false, true }
         from mode in Enum.GetValues<PostListMode>()
         from withTotal in new[] { true, false }
         select (source, inRange, mode, withTotal)).ToDictionary(key => key, key => Compose(key.source, key.inRange, key.mode, key.withTotal));

    // Neighbours use row comparison on (published_at, id), which the edition index serves in either direction.
    public const string BySlug = $"""
        {SummaryColumns},
               p.body_html, newer.slug AS newer_slug, newer.title AS newer_title,
               older.slug AS older_slug, older.title AS older_title
        FROM posts p
        {SummaryJoins}
        LEFT JOIN LATERAL (
            SELECT n.slug, n.title FROM posts n
            WHERE n.edition = p.edition AND n.status = 'published' AND n.kind = 'post' AND (n.published_at, n.id) > (p.published_at, p.id)
            ORDER BY n.published_at, n.id
            LIMIT 1) newer ON true
        LEFT JOIN LATERAL (
            SELECT o.slug, o.title FROM posts o
            WHERE o.edition = p.edition AND o.status = 'published' AND o.kind = 'post' AND (o.published_at, o.id) < (p.published_at, p.id)
            ORDER BY o.published_at DESC, o.id DESC
            LIMIT 1) older ON true
        WHERE p.edition = @Edition AND p.slug = @Slug AND p.status = 'published' AND p.kind = 'post'
        """;

    public const string IdBySlug = """
        SELECT id FROM posts WHERE edition = @Edition AND slug = @Slug AND status = 'published' AND kind = 'post'
        """;

    /// <summary>How many of each tag's newest posts may be related posts: bounds the work for a tag of 25,000 posts.</summary>
    public const int RelatedPerTag = 100;

    // Candidates are the newest @PerTag published posts of each of the post's tags (one index range
    // per tag); each is ranked by how many of the post's tags it carries, counted exactly with one
    // primary-key probe per candidate (counting its appearances among the candidates would miss a tag
    // where it is not among the newest; a join would read every entry of the post's tags), then by
    // recency. The edition's newest posts fill the places shared tags leave empty: the newest
    // 2 × limit always hold enough posts that share none. The limits are written in (WrittenPage): with
    // them as parameters, every call was planned again (1.3 ms of planning for 1.3 ms of execution).
    public static string Related(int limit) => RelatedWithPerTag.WithPageWrittenIn(limit, offset: 0);

    private static readonly string RelatedWithPerTag = RelatedTemplate.Replace("@PerTag", WrittenPage.Number(RelatedPerTag), StringComparison.Ordinal);

    private const string RelatedTemplate = $"""
        WITH mine AS (SELECT array_agg(tag_id) AS tag_ids FROM post_tags WHERE post_id = @PostId),
        candidates AS (
            SELECT DISTINCT n.post_id AS id, n.published_at
            FROM post_tags tagged
            CROSS JOIN LATERAL (
                SELECT pt.post_id, pt.published_at FROM post_tags pt
                WHERE pt.tag_id = tagged.tag_id AND pt.published
                ORDER BY pt.published_at DESC, pt.post_id DESC
                LIMIT @PerTag) n
            WHERE tagged.post_id = @PostId AND n.post_id <> @PostId),
        sharing AS (
            SELECT c.id, c.published_at,
                   (SELECT count(*) FROM post_tags s WHERE s.post_id = c.id AND s.tag_id = ANY (mine.tag_ids)) AS shared
            FROM candidates c, mine
            ORDER BY shared DESC, c.published_at DESC, c.id DESC
            LIMIT @Limit),
        newest AS (
            SELECT id, published_at FROM posts
            WHERE edition = @Edition AND status = 'published' AND kind = 'post' AND id <> @PostId
            ORDER BY published_at DESC, id DESC
            LIMIT @Limit * 2)
        {SummaryColumns}
        FROM (SELECT id, shared, published_at FROM sharing
              UNION ALL
              SELECT id, 0, published_at FROM newest WHERE id NOT IN (SELECT id FROM sharing)
              ORDER BY shared DESC, published_at DESC, id DESC
              LIMIT @Limit) page
        JOIN posts p ON p.id = page.id
        {SummaryJoins}
        ORDER BY page.shared DESC, p.published_at DESC, p.id DESC
        """;

    // A published post renamed after publication keeps its old slugs; they answer with a 301.
    public const string RedirectedSlug = """
        SELECT p.slug FROM post_slug_redirects r JOIN posts p ON p.id = r.post_id
        WHERE r.edition = @Edition AND r.slug = @Slug AND p.status = 'published' AND p.kind = @Kind
        """;

    /// <summary>The current slug of a published post (or page) that had this one before it was renamed, or null.</summary>
    public static Task<string?> CurrentSlugAsync(NpgsqlConnection conn, PostKind kind, string edition, string slug, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(RedirectedSlug, new { Kind = kind.Name, Edition = edition, Slug = slug }, cancellationToken: ct));

    internal const string SummaryColumns = """
        SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
               a.slug AS author_slug, a.name AS author_name,
               tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
               ed.locale AS language, ed.direction, ed.time_zone
        """;

    // The edition says the post's language and time zone. Tags in the post's order; translations are the story's other published posts, in edition order.
    // A post's tags are found by their primary key, one probe each: OFFSET 0 keeps the planner from
    // joining them otherwise. With a few hundred tags it hashed all of them for every post instead (0.04 ms
    // a post, 0.44 of a search page's 1.0 ms); the probes made the list's SQL 1.7 times as fast.
    internal const string SummaryJoins = """
        JOIN editions ed ON ed.code = p.edition
        LEFT JOIN authors a ON a.id = p.author_id
        LEFT JOIN LATERAL (
            SELECT array_agg(t.slug ORDER BY pt.position) AS tag_slugs,
                   array_agg(t.name ORDER BY pt.position) AS tag_names
            FROM post_tags pt
            CROSS JOIN LATERAL (SELECT t.slug, t.name FROM tags t WHERE t.id = pt.tag_id OFFSET 0) t
            WHERE pt.post_id = p.id) tg ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(o.edition ORDER BY e.position, e.code) AS translation_editions,
                   array_agg(o.slug ORDER BY e.position, e.code) AS translation_slugs
            FROM posts o JOIN editions e ON e.code = o.edition
            WHERE o.translation_key = p.translation_key AND o.id <> p.id AND o.status = 'published') tr ON true
        """;
}
