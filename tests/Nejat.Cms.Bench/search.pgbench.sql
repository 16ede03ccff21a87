-- GET /v1/{edition}/search?q={q}: generated from the service's SQL by BenchmarkSqlTests (UPDATE_BENCH_SQL=1 rewrites it).
SELECT t.count, t.ids, t.ids IS NOT NULL AS with_ids FROM (
WITH search AS MATERIALIZED (
    SELECT e.search_config AS config, q.query,
           tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, :q))) AS lexemes,
           strpos(q.query::text, '!') = 0 AS excludes_nothing,
           strpos(q.query::text, '<') > 0 AS has_phrase
    FROM editions e
    CROSS JOIN LATERAL (SELECT websearch_to_tsquery(e.search_config, search_prepare(e.search_config, :q)) AS query) q
    WHERE e.code = :edition),
common AS MATERIALIZED (
    SELECT (SELECT l.posts FROM search s
            JOIN search_lexemes l ON l.edition = :edition AND numnode(s.query) = 1
             AND l.lexeme = (tsvector_to_array(s.query::text::tsvector))[1]) >= 1001 AS yes),
counted AS MATERIALIZED (SELECT count(*) AS count,
       CASE WHEN count(*) < 1001 THEN array_agg(matched.id) FILTER (WHERE (SELECT has_phrase FROM search)) END AS ids
FROM (
    SELECT d.post_id AS id FROM search s
    JOIN post_search d ON d.search_vector @@ s.query
    WHERE d.edition = :edition AND d.status = 'published'
    LIMIT 1001) matched)
SELECT CASE WHEN c.yes THEN 1001 ELSE (SELECT count FROM counted) END AS count,
       CASE WHEN c.yes THEN NULL ELSE (SELECT ids FROM counted) END AS ids
FROM common c) t \gset
\if :count > 1000
WITH search AS MATERIALIZED (
    SELECT e.search_config AS config, q.query,
           tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, :q))) AS lexemes,
           strpos(q.query::text, '!') = 0 AS excludes_nothing,
           strpos(q.query::text, '<') > 0 AS has_phrase
    FROM editions e
    CROSS JOIN LATERAL (SELECT websearch_to_tsquery(e.search_config, search_prepare(e.search_config, :q)) AS query) q
    WHERE e.code = :edition),
recent_title_hits AS MATERIALIZED (
    SELECT r.id, r.published_at
    FROM (SELECT d.post_id AS id, d.published_at, d.search_title
          FROM post_search d
          WHERE d.edition = :edition AND d.status = 'published'
          ORDER BY d.published_at DESC, d.post_id DESC
          LIMIT 400) r
    CROSS JOIN search s
    WHERE r.search_title @@ s.query AND (s.excludes_nothing OR EXISTS (SELECT 1 FROM post_search v WHERE v.post_id = r.id AND v.search_vector @@ s.query))
    ORDER BY r.published_at DESC, r.id DESC
    LIMIT 10)
SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
       a.slug AS author_slug, a.name AS author_name,
       tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
       ed.locale AS language, ed.direction, ed.time_zone,
       p.kind, s.config::text AS search_config, s.lexemes AS query_lexemes,
       p.xmin AS row_version, pg_postmaster_start_time() AS server_started_at
FROM (
    SELECT * FROM (
        (SELECT h.id, true AS title_hit, h.published_at FROM recent_title_hits h
 WHERE (SELECT count(*) FROM recent_title_hits) = 10)
UNION ALL
(SELECT t.id, true AS title_hit, t.published_at
 FROM (SELECT d.post_id AS id, d.published_at
       FROM search s
       JOIN post_search d ON d.search_title @@ s.query
       WHERE d.edition = :edition AND d.status = 'published'
       ORDER BY d.published_at DESC, d.post_id DESC
       OFFSET 0) t
 CROSS JOIN search s
 WHERE (s.excludes_nothing OR EXISTS (SELECT 1 FROM post_search v WHERE v.post_id = t.id AND v.search_vector @@ s.query)) AND (SELECT count(*) FROM recent_title_hits) < 10
 LIMIT 10)
UNION ALL
(SELECT d.post_id AS id, false AS title_hit, d.published_at
 FROM search s
 JOIN post_search d ON (d.search_vector @@ s.query AND NOT d.search_title @@ s.query) IS TRUE AND (SELECT count(*) FROM recent_title_hits) < 10
 WHERE d.edition = :edition AND d.status = 'published'
 ORDER BY d.published_at DESC, d.post_id DESC
 LIMIT 10)) matched
    ORDER BY title_hit DESC, published_at DESC, id DESC
    LIMIT 10) hits
JOIN posts p ON p.id = hits.id
CROSS JOIN search s
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
ORDER BY hits.title_hit DESC, hits.published_at DESC, hits.id DESC;
\elif :with_ids
WITH search AS MATERIALIZED (
    SELECT e.search_config AS config, q.query,
           tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, :q))) AS lexemes,
           strpos(q.query::text, '!') = 0 AS excludes_nothing,
           strpos(q.query::text, '<') > 0 AS has_phrase
    FROM editions e
    CROSS JOIN LATERAL (SELECT websearch_to_tsquery(e.search_config, search_prepare(e.search_config, :q)) AS query) q
    WHERE e.code = :edition)
SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
       a.slug AS author_slug, a.name AS author_name,
       tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
       ed.locale AS language, ed.direction, ed.time_zone,
       p.kind, s.config::text AS search_config, s.lexemes AS query_lexemes,
       p.xmin AS row_version, pg_postmaster_start_time() AS server_started_at
FROM (
    SELECT * FROM (
        SELECT d.post_id AS id, d.search_title @@ s.query AS title_hit, d.published_at
FROM search s
JOIN post_search d ON d.post_id = ANY(:ids)
WHERE d.edition = :edition AND d.status = 'published') matched
    ORDER BY title_hit DESC, published_at DESC, id DESC
    LIMIT 10) hits
JOIN posts p ON p.id = hits.id
CROSS JOIN search s
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
ORDER BY hits.title_hit DESC, hits.published_at DESC, hits.id DESC;
\elif :count > 0
WITH search AS MATERIALIZED (
    SELECT e.search_config AS config, q.query,
           tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, :q))) AS lexemes,
           strpos(q.query::text, '!') = 0 AS excludes_nothing,
           strpos(q.query::text, '<') > 0 AS has_phrase
    FROM editions e
    CROSS JOIN LATERAL (SELECT websearch_to_tsquery(e.search_config, search_prepare(e.search_config, :q)) AS query) q
    WHERE e.code = :edition)
SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.byline,
       a.slug AS author_slug, a.name AS author_name,
       tg.tag_slugs, tg.tag_names, tr.translation_editions, tr.translation_slugs, p.featured_media_id,
       ed.locale AS language, ed.direction, ed.time_zone,
       p.kind, s.config::text AS search_config, s.lexemes AS query_lexemes,
       p.xmin AS row_version, pg_postmaster_start_time() AS server_started_at
FROM (
    SELECT * FROM (
        (SELECT t.id, true AS title_hit, t.published_at
 FROM (SELECT d.post_id AS id, d.published_at
       FROM search s
       JOIN post_search d ON d.search_title @@ s.query
       WHERE d.edition = :edition AND d.status = 'published'
       ORDER BY d.published_at DESC, d.post_id DESC
       OFFSET 0) t
 CROSS JOIN search s
 WHERE (s.excludes_nothing OR EXISTS (SELECT 1 FROM post_search v WHERE v.post_id = t.id AND v.search_vector @@ s.query)) 
 LIMIT 10)
UNION ALL
(SELECT d.post_id AS id, false AS title_hit, d.published_at
 FROM search s
 JOIN post_search d ON d.search_vector @@ s.query AND NOT d.search_title @@ s.query 
 WHERE d.edition = :edition AND d.status = 'published'
 ORDER BY d.published_at DESC, d.post_id DESC
 LIMIT 10)) matched
    ORDER BY title_hit DESC, published_at DESC, id DESC
    LIMIT 10) hits
JOIN posts p ON p.id = hits.id
CROSS JOIN search s
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
ORDER BY hits.title_hit DESC, hits.published_at DESC, hits.id DESC;
\else
SELECT w.word, best.correction
FROM editions e
CROSS JOIN unnest(regexp_split_to_array(btrim(:q), '[\s"]+')) WITH ORDINALITY AS w(word, n)
CROSS JOIN LATERAL (SELECT search_normalize(w.word) AS normalized) q
LEFT JOIN LATERAL (
    SELECT c.word AS correction
    FROM (
        (SELECT v.word, v.normalized, v.occurrences FROM search_words v
         WHERE v.edition = :edition AND v.normalized % q.normalized)
        UNION ALL
        (SELECT t.word, search_normalize(t.word), g.post_count
         FROM (SELECT g.name, g.post_count FROM tags g
               WHERE g.edition = :edition AND q.normalized <% search_normalize(g.name)
               LIMIT 50) g
         CROSS JOIN LATERAL search_piece_words(g.name) AS t(word))) c
    WHERE similarity(c.normalized, q.normalized) >= 0.4 AND c.normalized <> q.normalized
      AND NOT EXISTS (SELECT 1 FROM search_words f WHERE f.edition = :edition AND f.normalized = q.normalized)
      AND NOT EXISTS (
          SELECT 1 FROM post_search f
          WHERE f.edition = :edition AND f.status = 'published' AND f.search_vector @@ plainto_tsquery(e.search_config, search_prepare(e.search_config, w.word)))
    ORDER BY levenshtein(c.normalized, q.normalized), c.occurrences DESC, c.word
    LIMIT 1) best ON true
WHERE e.code = :edition AND w.word <> ''
ORDER BY w.n;
\endif
