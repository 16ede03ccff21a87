-- GET /v1/{edition}/posts/{slug}: generated from the service's SQL by BenchmarkSqlTests (UPDATE_BENCH_SQL=1 rewrites it).
SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
       a.slug AS author_slug, a.name AS author_name,
       tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
       ed.locale AS language, ed.direction, ed.time_zone,
       p.body_html, newer.slug AS newer_slug, newer.title AS newer_title,
       older.slug AS older_slug, older.title AS older_title
FROM posts p
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
WHERE p.edition = :edition AND p.slug = :slug AND p.status = 'published' AND p.kind = 'post';
