
namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>The import's SQL: the ledger, and the set-based writes of posts and pages (staged by binary COPY).</summary>
internal static class WordPressSql
{
    public const string KeyName = "import-wordpress";

    /// <summary>
    /// What an editor's change would alter in a post: everything the import writes. A scheduled post
    /// counts as published (the scheduler publishing it is no editor's change).
    /// </summary>
    private const string Fingerprint = """
        CASE WHEN p.id IS NOT NULL THEN md5(concat_ws(E'\x1f', p.kind, p.edition, p.slug,
            CASE p.status WHEN 'scheduled' THEN 'published' ELSE p.status END,
            coalesce(extract(epoch FROM p.published_at)::text, '-'), p.title, p.excerpt, p.body_html,
            coalesce(p.byline, '-'), coalesce(p.author_id::text, '-'), coalesce(p.translation_key, '-'),
            coalesce(p.featured_media_id::text, '-'),
            coalesce((SELECT string_agg(pt.tag_id::text, ',' ORDER BY pt.position) FROM post_tags pt WHERE pt.post_id = p.id), '-'))) END
        """;

    public const string Ledger = $"""
        SELECT w.site, w.ref, w.post_id, w.tag_id, w.media_id, w.gallery_id, w.edition, w.source_hash, w.fingerprint, w.version,
               p.slug AS post_slug, p.status AS post_status, {Fingerprint} AS current_fingerprint,
               coalesce(t.version, m.version, g.version, d.version, 0) AS current_version, t.slug AS tag_slug, g.slug AS gallery_slug
        FROM wordpress_items w
        LEFT JOIN posts p ON p.id = w.post_id
        LEFT JOIN tags t ON t.id = w.tag_id
        LEFT JOIN media m ON m.id = w.media_id
        LEFT JOIN galleries g ON g.id = w.gallery_id
        LEFT JOIN edition_documents d ON w.ref LIKE 'menu:%' AND d.edition = w.edition AND d.name = 'navigation'
        WHERE w.site = ANY(@Sites)
        """;

    public const string SaveLedger = """
        INSERT INTO wordpress_items (site, ref, post_id, tag_id, media_id, gallery_id, edition, source_hash, fingerprint, version)
        SELECT * FROM unnest(@Sites::text[], @Refs::text[], @PostIds::bigint[], @TagIds::bigint[], @MediaIds::bigint[],
                             @GalleryIds::bigint[], @Editions::text[], @Hashes::text[], @Fingerprints::text[], @Versions::int[])
        ON CONFLICT (site, ref) DO UPDATE
            SET post_id = excluded.post_id, tag_id = excluded.tag_id, media_id = excluded.media_id, gallery_id = excluded.gallery_id,
                edition = excluded.edition, source_hash = excluded.source_hash, fingerprint = excluded.fingerprint,
                version = excluded.version, imported_at = now()
        """;

    // The posts and pages to write; post_id null for a new one, old_slug and old_status what an existing one had.
    public const string CreatePostStage = """
        CREATE TEMP TABLE wp_posts (
            site text, ref text, post_id bigint, kind text, edition text, slug text, status text, published_at timestamptz,
            title text, excerpt text, body_html text, author text, tag_ids bigint[], featured_media_id bigint,
            translation_key text, source_hash text, old_slug text, old_status text) ON COMMIT DROP
        """;

    public const string CopyPosts = """
        COPY wp_posts (site, ref, post_id, kind, edition, slug, status, published_at, title, excerpt, body_html, author, tag_ids,
                       featured_media_id, translation_key, source_hash, old_slug, old_status)
        FROM STDIN (FORMAT BINARY)
        """;

    // A story's posts may trade translation keys within one import: the keys that change are let go first.
    // Updates go before inserts, so a slug an existing post gives up is free for a new one.
    public const string WritePosts = $"""
        -- Temporary tables have no statistics until analysed: without them the joins below may be planned as nested loops.
        ANALYZE wp_posts;

        UPDATE posts p SET translation_key = NULL FROM wp_posts s
        WHERE p.id = s.post_id AND p.translation_key IS NOT NULL AND p.translation_key IS DISTINCT FROM s.translation_key;

        CREATE TEMP TABLE wp_written (site text, ref text, post_id bigint, inserted boolean) ON COMMIT DROP;

        WITH updated AS (
            UPDATE posts p
            SET slug = s.slug, status = s.status, published_at = s.published_at, title = s.title, excerpt = s.excerpt,
                body_html = s.body_html, author_id = a.id, translation_key = s.translation_key,
                featured_media_id = s.featured_media_id, version = p.version + 1, updated_at = now()
            FROM wp_posts s LEFT JOIN authors a ON a.slug = s.author
            WHERE p.id = s.post_id
            RETURNING p.id)
        INSERT INTO wp_written SELECT s.site, s.ref, u.id, false FROM updated u JOIN wp_posts s ON s.post_id = u.id;

        WITH inserted AS (
            INSERT INTO posts (kind, edition, slug, status, published_at, title, excerpt, body_html, author_id, translation_key, featured_media_id)
            SELECT s.kind, s.edition, s.slug, s.status, s.published_at, s.title, s.excerpt, s.body_html, a.id, s.translation_key, s.featured_media_id
            FROM wp_posts s LEFT JOIN authors a ON a.slug = s.author
            WHERE s.post_id IS NULL
            RETURNING id, edition, slug)
        INSERT INTO wp_written SELECT s.site, s.ref, i.id, true FROM inserted i JOIN wp_posts s ON s.post_id IS NULL AND s.edition = i.edition AND s.slug = i.slug;

        ANALYZE wp_written;

        DELETE FROM post_tags pt USING wp_written w WHERE pt.post_id = w.post_id AND NOT w.inserted;
        INSERT INTO post_tags (post_id, tag_id, position)
        SELECT w.post_id, t.tag_id, (t.ord - 1)::smallint
        FROM wp_written w JOIN wp_posts s ON s.site = w.site AND s.ref = w.ref
        CROSS JOIN unnest(s.tag_ids) WITH ORDINALITY AS t(tag_id, ord);

        -- As the admin API does: a slug in use is no redirect, and a published post's old slug answers with a 301.
        DELETE FROM post_slug_redirects r USING wp_posts s WHERE r.edition = s.edition AND r.slug = s.slug;
        INSERT INTO post_slug_redirects (edition, slug, post_id)
        SELECT s.edition, s.old_slug, s.post_id FROM wp_posts s
        WHERE s.post_id IS NOT NULL AND s.old_slug <> s.slug AND s.old_status = 'published'
        ON CONFLICT (edition, slug) DO UPDATE SET post_id = excluded.post_id;

        -- Every version the import writes is a revision, as the admin API's are (the state as PostState spells it).
        INSERT INTO post_revisions (post_id, number, key_name, action, state)
        SELECT p.id, p.version, '{KeyName}', 'import', jsonb_build_object(
            'edition', p.edition, 'slug', p.slug, 'status', p.status, 'publishedAt', p.published_at, 'title', p.title,
            'excerpt', p.excerpt, 'bodyHtml', p.body_html, 'byline', p.byline, 'author', a.slug,
            'tags', coalesce((SELECT jsonb_agg(t.slug ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '[]'),
            'translationKey', p.translation_key, 'kind', p.kind, 'featuredMediaId', p.featured_media_id)
        FROM wp_written w JOIN posts p ON p.id = w.post_id LEFT JOIN authors a ON a.id = p.author_id;

        INSERT INTO wordpress_items (site, ref, post_id, edition, source_hash, fingerprint, version)
        SELECT w.site, w.ref, p.id, p.edition, s.source_hash, {Fingerprint}, p.version
        FROM wp_written w JOIN wp_posts s ON s.site = w.site AND s.ref = w.ref JOIN posts p ON p.id = w.post_id
        ON CONFLICT (site, ref) DO UPDATE
            SET post_id = excluded.post_id, tag_id = NULL, media_id = NULL, gallery_id = NULL, edition = excluded.edition,
                source_hash = excluded.source_hash, fingerprint = excluded.fingerprint, version = excluded.version, imported_at = now();
        """;

    /// <summary>A translation key another post of that edition holds (one outside the import): that post keeps it.</summary>
    public const string TakenTranslationKeys = """
        SELECT s.site, s.ref FROM wp_posts s
        WHERE s.translation_key IS NOT NULL AND EXISTS (
            SELECT 1 FROM posts p WHERE p.translation_key = s.translation_key AND p.edition = s.edition
              AND p.id IS DISTINCT FROM s.post_id AND p.id NOT IN (SELECT post_id FROM wp_posts WHERE post_id IS NOT NULL))
        """;

    public const string DropTranslationKeys = "UPDATE wp_posts SET translation_key = NULL WHERE (site, ref) IN (SELECT * FROM unnest(@Sites::text[], @Refs::text[]))";

    /// <summary>The ids of everything the ledger names now, by site and ref.</summary>
    public const string Targets = """
        SELECT site, ref, post_id, tag_id, media_id, gallery_id FROM wordpress_items
        WHERE site = ANY(@Sites) AND num_nonnulls(post_id, tag_id, media_id, gallery_id) = 1
        """;

    public const string CreateOldUrlStage = """
        CREATE TEMP TABLE wp_old_urls (host text, path text, kind text, edition text, site text, ref text) ON COMMIT DROP
        """;

    public const string CopyOldUrls = "COPY wp_old_urls (host, path, kind, edition, site, ref) FROM STDIN (FORMAT BINARY)";

    // Each old URL leads to what its item became (a URL of a skipped item is not recorded).
    public const string WriteOldUrls = """
        WITH upserted AS (
            INSERT INTO old_urls (host, path, kind, edition, post_id, tag_id, media_id)
            SELECT u.host, u.path, u.kind, CASE WHEN u.kind = 'home' THEN u.edition END,
                   CASE WHEN u.kind = 'post' THEN w.post_id END, CASE WHEN u.kind = 'tag' THEN w.tag_id END,
                   CASE WHEN u.kind = 'media' THEN w.media_id END
            FROM wp_old_urls u LEFT JOIN wordpress_items w ON w.site = u.site AND w.ref = u.ref
            WHERE u.kind = 'home'
               OR (u.kind = 'post' AND w.post_id IS NOT NULL) OR (u.kind = 'tag' AND w.tag_id IS NOT NULL) OR (u.kind = 'media' AND w.media_id IS NOT NULL)
            ON CONFLICT (host, path) DO UPDATE
                SET kind = excluded.kind, edition = excluded.edition, post_id = excluded.post_id, tag_id = excluded.tag_id, media_id = excluded.media_id
                WHERE (old_urls.kind, old_urls.edition, old_urls.post_id, old_urls.tag_id, old_urls.media_id)
                      IS DISTINCT FROM (excluded.kind, excluded.edition, excluded.post_id, excluded.tag_id, excluded.media_id)
            RETURNING xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
        """;

    // Fresh statistics after a large import, as the JSON Lines import keeps them. VACUUM cannot run in a transaction.
    public const string Analyse = "VACUUM (ANALYZE) posts, post_tags, tags, old_urls, wordpress_items";
}
