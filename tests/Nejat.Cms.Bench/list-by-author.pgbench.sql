-- GET /v1/{edition}/posts?author={author}: generated from the service's SQL by BenchmarkSqlTests (UPDATE_BENCH_SQL=1 rewrites it).
\startpipeline
SELECT (SELECT id FROM tags WHERE edition = :edition AND slug = NULL::text) AS tag_id,
       (SELECT id FROM authors WHERE slug = :author) AS author_id,
       (SELECT time_zone FROM editions WHERE code = :edition) AS time_zone;
SELECT count(*) FROM (SELECT id FROM posts WHERE author_id = (SELECT id FROM authors WHERE slug = :author) AND edition = :edition AND status = 'published' AND kind = 'post') matching;
SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
       a.slug AS author_slug, a.name AS author_name,
       tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
       ed.locale AS language, ed.direction, ed.time_zone
FROM (SELECT id FROM posts WHERE author_id = (SELECT id FROM authors WHERE slug = :author) AND edition = :edition AND status = 'published' AND kind = 'post' ORDER BY published_at DESC, id DESC LIMIT 11) page
JOIN posts p ON p.id = page.id
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
ORDER BY p.published_at DESC, p.id DESC;
\endpipeline
