-- How many of an edition's published posts and pages have each lexeme of their search_vector. A
-- one-word search reads here whether it has more matches than its exact total's bound instead of
-- counting them: the GIN bitmap of a word in most posts reads every one of them (23,000 entries,
-- 3.2 ms of a 3.7 ms search on 100,000 posts). Exact in every transaction, as the posts are.
-- Fill factor 80: a count update stays on its page (HOT), leaving the index alone. A migration that
-- changes how vectors are made (post_search_document) counts this table again.
CREATE TABLE search_lexemes (
    edition text NOT NULL,
    lexeme  text NOT NULL,
    posts   integer NOT NULL,
    PRIMARY KEY (edition, lexeme)
) WITH (fillfactor = 80);

-- Adds counts to lexemes; lexemes no post has any more go. Rows are locked in key order, so
-- concurrent writers wait for each other instead of deadlocking.
CREATE FUNCTION search_lexemes_add(editions text[], lexemes text[], deltas integer[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    unused_editions text[];
    unused_lexemes text[];
BEGIN
    WITH counted AS (
        INSERT INTO search_lexemes AS l (edition, lexeme, posts)
        SELECT u.edition, u.lexeme, u.delta
        FROM unnest(editions, lexemes, deltas) AS u(edition, lexeme, delta)
        ORDER BY u.edition, u.lexeme
        ON CONFLICT (edition, lexeme) DO UPDATE SET posts = l.posts + excluded.posts
        RETURNING l.edition, l.lexeme, l.posts)
    SELECT array_agg(edition), array_agg(lexeme) INTO unused_editions, unused_lexemes
    FROM counted WHERE posts <= 0;

    DELETE FROM search_lexemes l
    USING unnest(unused_editions, unused_lexemes) AS u(edition, lexeme)
    WHERE l.edition = u.edition AND l.lexeme = u.lexeme AND l.posts <= 0;
END
$$;

-- Counted once per statement on posts, as search_words is: post_search is written one row at a time
-- (posts_mirror_search), and counting there would update a common lexeme's row once per post, which
-- in one import of 100,000 posts makes every later update walk all the earlier versions. The statement
-- trigger runs after the row triggers, so post_search has the new vectors; a vector from before an
-- edit of the text is made again from the old text (post_search_document), one parse per edited or
-- deleted published post. +1 for each lexeme of a post published now, -1 for each of one published
-- before; an update counts only posts whose publication, edition or text changed. PL/pgSQL plans a
-- statement only when it runs, so each branch names only the transition tables its event has.
CREATE FUNCTION posts_count_search_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    editions text[];
    lexemes text[];
    deltas integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(c.edition), array_agg(c.lexeme), array_agg(c.delta) INTO editions, lexemes, deltas
        FROM (SELECT n.edition, x.lexeme, count(*)::integer AS delta
              FROM new_posts n JOIN post_search d ON d.post_id = n.id
              CROSS JOIN unnest(tsvector_to_array(d.search_vector)) AS x(lexeme)
              WHERE n.status = 'published'
              GROUP BY 1, 2) c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(c.edition), array_agg(c.lexeme), array_agg(c.delta) INTO editions, lexemes, deltas
        FROM (SELECT o.edition, x.lexeme, -count(*)::integer AS delta
              FROM old_posts o
              CROSS JOIN LATERAL post_search_document(o.edition, o.title, o.excerpt, o.body_html) AS doc
              CROSS JOIN unnest(tsvector_to_array(doc.search_vector)) AS x(lexeme)
              WHERE o.status = 'published'
              GROUP BY 1, 2) c;
    ELSE
        SELECT array_agg(c.edition), array_agg(c.lexeme), array_agg(c.delta) INTO editions, lexemes, deltas
        FROM (SELECT v.edition, x.lexeme, sum(v.delta)::integer AS delta
              FROM old_posts o JOIN new_posts n ON n.id = o.id
              LEFT JOIN post_search d ON d.post_id = n.id
              CROSS JOIN LATERAL (
                  SELECT o.edition,
                         CASE WHEN (o.edition, o.title, o.excerpt, o.body_html) IS NOT DISTINCT FROM (n.edition, n.title, n.excerpt, n.body_html)
                              THEN d.search_vector
                              ELSE (post_search_document(o.edition, o.title, o.excerpt, o.body_html)).search_vector END,
                         -1
                  WHERE o.status = 'published'
                  UNION ALL
                  SELECT n.edition, d.search_vector, 1
                  WHERE n.status = 'published') AS v(edition, search_vector, delta)
              CROSS JOIN unnest(tsvector_to_array(v.search_vector)) AS x(lexeme)
              WHERE (o.status = 'published', o.edition, o.title, o.excerpt, o.body_html)
                    IS DISTINCT FROM (n.status = 'published', n.edition, n.title, n.excerpt, n.body_html)
              GROUP BY 1, 2
              HAVING sum(v.delta) <> 0) c;
    END IF;
    IF lexemes IS NOT NULL THEN
        PERFORM search_lexemes_add(editions, lexemes, deltas);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_count_search_lexemes_insert AFTER INSERT ON posts
    REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_lexemes();
CREATE TRIGGER posts_count_search_lexemes_update AFTER UPDATE ON posts
    REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_lexemes();
CREATE TRIGGER posts_count_search_lexemes_delete AFTER DELETE ON posts
    REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_lexemes();

-- The posts already stored.
INSERT INTO search_lexemes (edition, lexeme, posts)
SELECT d.edition, x.lexeme, count(*)
FROM post_search d CROSS JOIN unnest(tsvector_to_array(d.search_vector)) AS x(lexeme)
WHERE d.status = 'published'
GROUP BY 1, 2;
