namespace Nejat.Cms.Api.Import;

/// <summary>
/// The import's SQL. The file lands in temporary tables first (posts by binary COPY), references are
/// checked there with the offending line number, then each kind is upserted by its natural key in one
/// statement. Upserts skip rows that would not change, so a second run of the same file writes nothing.
/// </summary>
internal static class ImportSql
{
    public const string CreateStaging = """
        CREATE TEMP TABLE import_editions (line int, code text, name text, direction text, locale text, time_zone text) ON COMMIT DROP;
        CREATE TEMP TABLE import_authors (line int, slug text, name text) ON COMMIT DROP;
        CREATE TEMP TABLE import_tags (line int, edition text, slug text, name text) ON COMMIT DROP;
        CREATE TEMP TABLE import_posts (
            line int, edition text, slug text, status text, published_at timestamptz, title text, excerpt text,
            body_html text, byline text, author text, tags text[], translation_key text, featured_media text) ON COMMIT DROP;
        """;

    public const string CopyPosts = """
        COPY import_posts (line, edition, slug, status, published_at, title, excerpt, body_html, byline, author, tags, translation_key, featured_media)
        FROM STDIN (FORMAT BINARY)
        """;

    public const string StageSmallKinds = """
        INSERT INTO import_editions SELECT * FROM unnest(@EditionLines, @EditionCodes, @EditionNames, @EditionDirections, @EditionLocales, @EditionTimeZones);
        INSERT INTO import_authors SELECT * FROM unnest(@AuthorLines, @AuthorSlugs, @AuthorNames);
        INSERT INTO import_tags SELECT * FROM unnest(@TagLines, @TagEditions, @TagSlugs, @TagNames);
        """;

    // New editions go after the existing ones in display order. A line without a time zone keeps the
    // edition's (UTC for a new one).
    public const string UpsertEditions = """
        WITH upserted AS (
            INSERT INTO editions (code, name, direction, locale, time_zone, position)
            SELECT i.code, i.name, i.direction, i.locale, coalesce(i.time_zone, e.time_zone, 'UTC'),
                   (SELECT coalesce(max(position), 0) FROM editions) + row_number() OVER (ORDER BY i.line)
            FROM import_editions i LEFT JOIN editions e ON e.code = i.code
            ON CONFLICT (code) DO UPDATE
                SET name = excluded.name, direction = excluded.direction, locale = excluded.locale, time_zone = excluded.time_zone
                WHERE (editions.name, editions.direction, editions.locale, editions.time_zone)
                      IS DISTINCT FROM (excluded.name, excluded.direction, excluded.locale, excluded.time_zone)
            RETURNING xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
        """;

    public const string UpsertAuthors = """
        WITH upserted AS (
            INSERT INTO authors (slug, name)
            SELECT slug, name FROM import_authors
            ON CONFLICT (slug) DO UPDATE
                SET name = excluded.name, updated_at = now()
                WHERE authors.name IS DISTINCT FROM excluded.name
            RETURNING xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
        """;

    public const string UpsertTags = """
        WITH upserted AS (
            INSERT INTO tags (edition, slug, name)
            SELECT edition, slug, name FROM import_tags
            ON CONFLICT (edition, slug) DO UPDATE
                SET name = excluded.name, updated_at = now()
                WHERE tags.name IS DISTINCT FROM excluded.name
            RETURNING xmax = 0 AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted
        """;

    /// <summary>Each returns the first offending line and the value at fault, if any.</summary>
    public static readonly (string Sql, string Problem)[] ReferenceChecks =
    [
        ("""
         SELECT line, edition AS value FROM import_tags i
         WHERE NOT EXISTS (SELECT 1 FROM editions e WHERE e.code = i.edition) ORDER BY line LIMIT 1
         """, "tag of unknown edition '{0}' (add an edition line or use en, ar, fa, sq)"),
        ("""
         SELECT line, edition AS value FROM import_posts i
         WHERE NOT EXISTS (SELECT 1 FROM editions e WHERE e.code = i.edition) ORDER BY line LIMIT 1
         """, "post of unknown edition '{0}' (add an edition line or use en, ar, fa, sq)"),
        ("""
         SELECT line, author AS value FROM import_posts i
         WHERE author IS NOT NULL AND NOT EXISTS (SELECT 1 FROM authors a WHERE a.slug = i.author) ORDER BY line LIMIT 1
         """, "unknown author '{0}' (add an author line for it)"),
        ("""
         SELECT i.line, t.slug AS value FROM import_posts i CROSS JOIN unnest(i.tags) AS t(slug)
         WHERE NOT EXISTS (SELECT 1 FROM tags x WHERE x.edition = i.edition AND x.slug = t.slug) ORDER BY i.line LIMIT 1
         """, "unknown tag '{0}' in the post's edition (add a tag line for it)"),
        ("""
         SELECT line, featured_media AS value FROM import_posts i
         WHERE featured_media IS NOT NULL AND NOT EXISTS (SELECT 1 FROM imported_media k WHERE k.key = i.featured_media) ORDER BY line LIMIT 1
         """, "featuredMedia: unknown media '{0}' (add a media line with that key, in this file or before)"),
        ("""
         SELECT i.line, i.translation_key || ''' is already used by post ''' || p.slug AS value
         FROM import_posts i
         JOIN posts p ON p.translation_key = i.translation_key AND p.edition = i.edition AND p.slug <> i.slug
         WHERE NOT EXISTS (SELECT 1 FROM import_posts o WHERE o.edition = p.edition AND o.slug = p.slug)
         ORDER BY i.line LIMIT 1
         """, "translationKey '{0}' of that edition (a story has one post per edition)"),
        // Pages are rows of posts too; the import writes posts only, so it must not turn or join a page.
        ("""
         SELECT i.line, i.slug AS value FROM import_posts i
         JOIN posts p ON p.edition = i.edition AND p.slug = i.slug AND p.kind = 'page'
         ORDER BY i.line LIMIT 1
         """, "slug '{0}' is a page's in that edition (the import writes posts; pages are edited through /v1/admin/pages)"),
        ("""
         SELECT i.line, i.translation_key AS value FROM import_posts i
         JOIN posts p ON p.translation_key = i.translation_key AND p.kind = 'page'
         ORDER BY i.line LIMIT 1
         """, "translationKey '{0}' is a story of pages (a post translates posts only)"),
    ];

    // Only changed posts are written; their ids and whether each is new go to import_post_results.
    public const string UpsertPosts = """
        CREATE TEMP TABLE import_post_results ON COMMIT DROP AS
        WITH upserted AS (
            INSERT INTO posts (edition, slug, status, published_at, title, excerpt, body_html, byline, author_id, translation_key, featured_media_id)
            SELECT i.edition, i.slug, i.status, i.published_at, i.title, i.excerpt, i.body_html, i.byline, a.id, i.translation_key, k.media_id
            FROM import_posts i LEFT JOIN authors a ON a.slug = i.author LEFT JOIN imported_media k ON k.key = i.featured_media
            ON CONFLICT (edition, slug) DO UPDATE
                SET status = excluded.status, published_at = excluded.published_at, title = excluded.title,
                    excerpt = excluded.excerpt, body_html = excluded.body_html, byline = excluded.byline,
                    author_id = excluded.author_id, translation_key = excluded.translation_key,
                    featured_media_id = excluded.featured_media_id, version = posts.version + 1, updated_at = now()
                WHERE (posts.status, posts.published_at, posts.title, posts.excerpt, posts.body_html, posts.byline,
                       posts.author_id, posts.translation_key, posts.featured_media_id)
                      IS DISTINCT FROM
                      (excluded.status, excluded.published_at, excluded.title, excluded.excerpt, excluded.body_html,
                       excluded.byline, excluded.author_id, excluded.translation_key, excluded.featured_media_id)
            RETURNING id, xmax = 0 AS inserted)
        SELECT id, inserted FROM upserted;
        """;

    // Tag lists are replaced only where they differ from the file's, keeping the file's order.
    // A post whose only change is its tags still counts (and is versioned) as updated.
    public const string SyncPostTags = """
        CREATE TEMP TABLE import_tag_changes ON COMMIT DROP AS
        SELECT p.id AS post_id, wanted.tag_ids
        FROM import_posts i
        JOIN posts p ON p.edition = i.edition AND p.slug = i.slug
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(t.id ORDER BY w.ord), '{}') AS tag_ids
            FROM unnest(i.tags) WITH ORDINALITY AS w(slug, ord)
            JOIN tags t ON t.edition = i.edition AND t.slug = w.slug) wanted
        WHERE wanted.tag_ids IS DISTINCT FROM
              (SELECT coalesce(array_agg(pt.tag_id ORDER BY pt.position), '{}') FROM post_tags pt WHERE pt.post_id = p.id);

        DELETE FROM post_tags pt USING import_tag_changes c WHERE pt.post_id = c.post_id;

        INSERT INTO post_tags (post_id, tag_id, position)
        SELECT c.post_id, w.tag_id, (w.ord - 1)::smallint
        FROM import_tag_changes c CROSS JOIN unnest(c.tag_ids) WITH ORDINALITY AS w(tag_id, ord);

        WITH retagged AS (
            UPDATE posts p SET version = p.version + 1, updated_at = now()
            FROM import_tag_changes c
            WHERE p.id = c.post_id AND NOT EXISTS (SELECT 1 FROM import_post_results r WHERE r.id = c.post_id)
            RETURNING p.id)
        SELECT (SELECT count(*) FROM import_post_results WHERE inserted) AS inserted,
               (SELECT count(*) FROM import_post_results WHERE NOT inserted) + (SELECT count(*) FROM retagged) AS updated;
        """;

    // The import may have written most of the table: fresh statistics and a visibility map keep
    // the planner on the list indexes and their counts index-only. VACUUM cannot run in a transaction.
    public const string Analyse = "VACUUM (ANALYZE) editions, authors, tags, posts, post_tags";
}
