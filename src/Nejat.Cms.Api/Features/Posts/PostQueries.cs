namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// The public post SQL. Public means status = 'published'; scheduled posts become published when
/// their time comes, so no query needs a clock. Lists are ordered newest first with id as the tie-break.
/// </summary>
internal static class PostQueries
{
    public const string ResolveFilter = """
        SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition) AS edition_exists,
               (SELECT id FROM tags WHERE edition = @Edition AND slug = @Tag) AS tag_id,
               (SELECT id FROM authors WHERE slug = @Author) AS author_id
        """;

    // Each filter combination is its own fixed statement, so each gets its own index and its own
    // prepared plan: a catch-all "(@TagId IS NULL OR …)" would share one generic plan for all of them.
    // Each is two statements in one round trip: the exact total, then the page. The page picks its
    // ids from an index alone before fetching rows, so skipped rows cost no heap reads.
    public static string List(PostFilterRow filter) => (filter.TagId, filter.AuthorId) switch
    {
        (null, null) => ListInEdition,
        (not null, null) => ListWithTag,
        (null, not null) => ListByAuthor,
        _ => ListWithTagByAuthor,
    };

    // The total is kept on the edition by a trigger: counting 25,000 index entries per request was
    // most of this endpoint's cost on the benchmark's 100,000 posts.
    private const string ListInEdition = $"""
        SELECT post_count::bigint FROM editions WHERE code = @Edition;
        {SummaryColumns}
        FROM (SELECT id FROM posts
              WHERE edition = @Edition AND status = 'published'
              ORDER BY published_at DESC, id DESC
              LIMIT @Limit OFFSET @Offset) page
        JOIN posts p ON p.id = page.id
        {SummaryJoins}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    // A tag belongs to one edition, so its posts need no edition test; its count is kept on the tag.
    // With an author too, the author index (partial on published) narrows the posts first.
    private const string ListWithTag = $"""
        SELECT post_count::bigint FROM tags WHERE id = @TagId;
        {SummaryColumns}
        FROM (SELECT post_id AS id FROM post_tags
              WHERE tag_id = @TagId AND published
              ORDER BY published_at DESC, post_id DESC
              LIMIT @Limit OFFSET @Offset) page
        JOIN posts p ON p.id = page.id
        {SummaryJoins}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    private const string ListByAuthor = $"""
        SELECT count(*) FROM posts WHERE author_id = @AuthorId AND edition = @Edition AND status = 'published';
        {SummaryColumns}
        FROM (SELECT id FROM posts
              WHERE author_id = @AuthorId AND edition = @Edition AND status = 'published'
              ORDER BY published_at DESC, id DESC
              LIMIT @Limit OFFSET @Offset) page
        JOIN posts p ON p.id = page.id
        {SummaryJoins}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    private const string ListWithTagByAuthor = $"""
        SELECT count(*) FROM post_tags pt JOIN posts a ON a.id = pt.post_id
        WHERE pt.tag_id = @TagId AND pt.published
          AND a.author_id = @AuthorId AND a.edition = @Edition AND a.status = 'published';
        {SummaryColumns}
        FROM (SELECT pt.post_id AS id FROM post_tags pt JOIN posts a ON a.id = pt.post_id
              WHERE pt.tag_id = @TagId AND pt.published
                AND a.author_id = @AuthorId AND a.edition = @Edition AND a.status = 'published'
              ORDER BY pt.published_at DESC, pt.post_id DESC
              LIMIT @Limit OFFSET @Offset) page
        JOIN posts p ON p.id = page.id
        {SummaryJoins}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    // Neighbours use row comparison on (published_at, id), which the edition index serves in either direction.
    public const string BySlug = $"""
        {SummaryColumns},
               p.body_html, newer.slug AS newer_slug, newer.title AS newer_title,
               older.slug AS older_slug, older.title AS older_title
        FROM posts p
        {SummaryJoins}
        LEFT JOIN LATERAL (
            SELECT n.slug, n.title FROM posts n
            WHERE n.edition = p.edition AND n.status = 'published' AND (n.published_at, n.id) > (p.published_at, p.id)
            ORDER BY n.published_at, n.id
            LIMIT 1) newer ON true
        LEFT JOIN LATERAL (
            SELECT o.slug, o.title FROM posts o
            WHERE o.edition = p.edition AND o.status = 'published' AND (o.published_at, o.id) < (p.published_at, p.id)
            ORDER BY o.published_at DESC, o.id DESC
            LIMIT 1) older ON true
        WHERE p.edition = @Edition AND p.slug = @Slug AND p.status = 'published'
        """;

    // A published post renamed after publication keeps its old slugs; they answer with a 301.
    public const string RedirectedSlug = """
        SELECT p.slug FROM post_slug_redirects r JOIN posts p ON p.id = r.post_id
        WHERE r.edition = @Edition AND r.slug = @Slug AND p.status = 'published'
        """;

    private const string SummaryColumns = """
        SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
               a.slug AS author_slug, a.name AS author_name,
               tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id
        """;

    // Tags in the post's order; translations are the story's other published posts, in edition order.
    private const string SummaryJoins = """
        LEFT JOIN authors a ON a.id = p.author_id
        LEFT JOIN LATERAL (
            SELECT array_agg(t.slug ORDER BY pt.position) AS tag_slugs,
                   array_agg(t.name ORDER BY pt.position) AS tag_names
            FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id = p.id) tg ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(o.edition ORDER BY e.position, e.code) AS translation_editions,
                   array_agg(o.slug ORDER BY e.position, e.code) AS translation_slugs
            FROM posts o JOIN editions e ON e.code = o.edition
            WHERE o.translation_key = p.translation_key AND o.id <> p.id AND o.status = 'published') tr ON true
        """;
}
