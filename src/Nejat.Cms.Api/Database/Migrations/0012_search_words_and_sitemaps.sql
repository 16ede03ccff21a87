-- didYouMean from each edition's whole vocabulary, and sitemap files read by id ranges.

-- The same normaliser, cheaper: text already in NFKC (nearly all of it) skips normalize(), which cost
-- as much as the rest of search_letters together. Same results, so stored vectors stay valid.
CREATE OR REPLACE FUNCTION search_letters(input text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    folded text;
BEGIN
    -- Plain ASCII only needs lower case (most English text, and it is indexed word by word too).
    IF input !~ '[^\x01-\x7F]' THEN
        RETURN lower(input);
    END IF;
    -- NFKC also turns no-break spaces into spaces.
    folded := CASE WHEN input IS NFKC NORMALIZED THEN input ELSE normalize(input, NFKC) END;
    folded := public.unaccent('public.unaccent'::regdictionary, lower(folded));
    -- Deletions are one regular expression, and the mappings run only on text in Arabic script:
    -- translate() costs in proportion to the characters it maps.
    folded := regexp_replace(folded,
        U&'[#064B-#065F#0670#06D6-#06DC#06DF-#06E4#06E7#06E8#06EA-#06ED#0640#200C-#200F#00AD#FEFF]' UESCAPE '#', '', 'g');
    IF folded ~ U&'[#0600-#06FF]' UESCAPE '#' THEN
        folded := translate(folded,
            U&'\06CC\0649\0626\06A9\0623\0625\0622\0671\0624\06C0\06D5\06BE'
                || U&'\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669',
            U&'\064A\064A\064A\0643\0627\0627\0627\0627\0648\0647\0647\0647'
                || '01234567890123456789');
    END IF;
    RETURN folded;
END
$$;

-- didYouMean reads search_words now: titles' normalised copy and its trigram index go.
DROP INDEX post_search_title_trgm_idx;
ALTER TABLE post_search DROP COLUMN title_folded;
DROP FUNCTION post_search_document(text, text, text, text);

CREATE FUNCTION post_search_document(edition_code text, title text, excerpt text, body_html text,
        OUT search_title tsvector, OUT suggest_title tsvector, OUT search_vector tsvector)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    config regconfig := (SELECT e.search_config FROM editions e WHERE e.code = edition_code);
BEGIN
    search_title := to_tsvector(config, search_prepare(config, title));
    suggest_title := to_tsvector('simple', search_normalize(title));
    search_vector := setweight(search_title, 'A')
        || setweight(to_tsvector(config, search_prepare(config, excerpt)), 'B')
        || setweight(to_tsvector(config, search_prepare(config, search_text(body_html))), 'C');
END
$$;

CREATE OR REPLACE FUNCTION posts_mirror_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.edition, NEW.title, NEW.excerpt, NEW.body_html) IS NOT DISTINCT FROM (OLD.edition, OLD.title, OLD.excerpt, OLD.body_html) THEN
        UPDATE post_search
           SET kind = NEW.kind, status = NEW.status, author_id = NEW.author_id, published_at = NEW.published_at
         WHERE post_id = NEW.id
           AND (kind, status, author_id, published_at) IS DISTINCT FROM (NEW.kind, NEW.status, NEW.author_id, NEW.published_at);
        RETURN NULL;
    END IF;
    INSERT INTO post_search (post_id, edition, kind, status, author_id, published_at, search_title, suggest_title, search_vector)
    SELECT NEW.id, NEW.edition, NEW.kind, NEW.status, NEW.author_id, NEW.published_at, d.*
    FROM post_search_document(NEW.edition, NEW.title, NEW.excerpt, NEW.body_html) d
    ON CONFLICT (post_id) DO UPDATE
       SET edition = EXCLUDED.edition, kind = EXCLUDED.kind, status = EXCLUDED.status, author_id = EXCLUDED.author_id,
           published_at = EXCLUDED.published_at, search_title = EXCLUDED.search_title,
           suggest_title = EXCLUDED.suggest_title, search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;

-- An edition's vocabulary: every word of its published posts and pages as written (lower case), its
-- search_normalize form, and how many published posts and pages use it. didYouMean offers the word
-- closest to a query word that found nothing (search_words_trgm_idx), frequent words first.
-- Kept by the statement-level triggers below: an import counts each word once per statement.
-- Fill factor 80: a count update stays on its page (HOT), leaving the indexes alone.
CREATE TABLE search_words (
    edition    text NOT NULL,
    word       text NOT NULL,
    normalized text NOT NULL,
    post_count integer NOT NULL,
    PRIMARY KEY (edition, word)
) WITH (fillfactor = 80);

CREATE INDEX search_words_normalized_idx ON search_words (edition, normalized);
-- GIN, not GiST: on 480,000 short words a trigram match took 1-11 ms with GIN and 75-90 ms with GiST.
CREATE INDEX search_words_trgm_idx ON search_words USING gin (normalized gin_trgm_ops);

-- A post's words as PostgreSQL's 'simple' parser reads them from its title, excerpt and body text,
-- lower case, each once. The parser splits at ZWNJ, which is inside Persian words (کتاب‌های), so
-- ZWNJ goes through it as tatweel, which it keeps inside words (the text's own tatweel, a stretch
-- without meaning, is dropped first); search_word_as_written turns it back. One parse of a post is
-- the vocabulary's whole cost on a write (about 0.2 ms for 3 KB).
CREATE FUNCTION search_words_of(title text, excerpt text, body_html text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    source text := title || ' ' || excerpt || ' ' || search_text(body_html);
BEGIN
    IF strpos(source, U&'\200C') > 0 OR strpos(source, U&'\0640') > 0 THEN
        source := translate(replace(source, U&'\0640', ''), U&'\200C', U&'\0640');
    END IF;
    RETURN tsvector_to_array(to_tsvector('simple', source));
END
$$;

-- A parsed word as written, or null for what is no word to offer a reader: numbers, URLs, hosts and
-- other tokens with digits or punctuation, single letters, and anything over 40 characters.
CREATE FUNCTION search_word_as_written(token text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN token !~ U&'[0-9#06F0-#06F9#0660-#0669[:punct:]]' UESCAPE '#'
             AND length(btrim(token, U&'\0640')) BETWEEN 2 AND 40
            THEN translate(btrim(token, U&'\0640'), U&'\0640', U&'\200C') END;

-- Adds deltas to words' counts (tokens as search_words_of gives them); words no post uses any more go.
-- Rows are locked in key order, so concurrent writers wait for each other instead of deadlocking.
CREATE FUNCTION search_words_add(editions text[], tokens text[], deltas integer[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    unused_editions text[];
    unused_words text[];
BEGIN
    -- Materialised, so search_word_as_written runs once per token; several tokens can make one word
    -- (a ZWNJ at a word's edge), so the counts are summed by word again.
    WITH written AS MATERIALIZED (
        SELECT u.edition, search_word_as_written(u.token) AS word, u.delta
        FROM unnest(editions, tokens, deltas) AS u(edition, token, delta)),
    counted AS (
        INSERT INTO search_words AS w (edition, word, normalized, post_count)
        SELECT d.edition, d.word, coalesce(known.normalized, search_normalize(d.word)), d.delta
        FROM (SELECT t.edition, t.word, sum(t.delta)::integer AS delta
              FROM written t
              WHERE t.word IS NOT NULL
              GROUP BY 1, 2
              HAVING sum(t.delta) <> 0) d
        LEFT JOIN search_words known ON known.edition = d.edition AND known.word = d.word
        ORDER BY d.edition, d.word
        ON CONFLICT (edition, word) DO UPDATE SET post_count = w.post_count + excluded.post_count
        RETURNING w.edition, w.word, w.post_count)
    SELECT array_agg(edition), array_agg(word) INTO unused_editions, unused_words
    FROM counted WHERE post_count <= 0;

    DELETE FROM search_words w
    USING unnest(unused_editions, unused_words) AS u(edition, word)
    WHERE w.edition = u.edition AND w.word = u.word AND w.post_count <= 0;
END
$$;

-- +1 for each word of a post published now, -1 for each word of one published before; an update
-- counts only posts whose edition, text or publication changed (not a retag or a version bump).
-- PL/pgSQL plans a statement only when it runs, so each branch names only the tables its event has.
CREATE FUNCTION posts_count_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    editions text[];
    tokens text[];
    deltas integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(c.edition), array_agg(c.token), array_agg(c.delta) INTO editions, tokens, deltas
        FROM (SELECT n.edition, t.token, count(*)::integer AS delta
              FROM new_posts n CROSS JOIN unnest(search_words_of(n.title, n.excerpt, n.body_html)) AS t(token)
              WHERE n.status = 'published'
              GROUP BY 1, 2) c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(c.edition), array_agg(c.token), array_agg(c.delta) INTO editions, tokens, deltas
        FROM (SELECT o.edition, t.token, -count(*)::integer AS delta
              FROM old_posts o CROSS JOIN unnest(search_words_of(o.title, o.excerpt, o.body_html)) AS t(token)
              WHERE o.status = 'published'
              GROUP BY 1, 2) c;
    ELSE
        SELECT array_agg(c.edition), array_agg(c.token), array_agg(c.delta) INTO editions, tokens, deltas
        FROM (SELECT p.edition, t.token, sum(p.delta)::integer AS delta
              FROM (SELECT x.edition, x.title, x.excerpt, x.body_html, x.delta
                    FROM old_posts o JOIN new_posts n ON n.id = o.id
                    CROSS JOIN LATERAL (VALUES (o.edition, o.title, o.excerpt, o.body_html, -1, o.status = 'published'),
                                               (n.edition, n.title, n.excerpt, n.body_html, 1, n.status = 'published'))
                        AS x(edition, title, excerpt, body_html, delta, published)
                    WHERE x.published
                      AND (o.status = 'published', o.edition, o.title, o.excerpt, o.body_html)
                          IS DISTINCT FROM (n.status = 'published', n.edition, n.title, n.excerpt, n.body_html)) p
              CROSS JOIN unnest(search_words_of(p.title, p.excerpt, p.body_html)) AS t(token)
              GROUP BY 1, 2
              HAVING sum(p.delta) <> 0) c;
    END IF;
    IF tokens IS NOT NULL THEN
        PERFORM search_words_add(editions, tokens, deltas);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_count_search_words_insert AFTER INSERT ON posts
    REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_words();
CREATE TRIGGER posts_count_search_words_update AFTER UPDATE ON posts
    REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_words();
CREATE TRIGGER posts_count_search_words_delete AFTER DELETE ON posts
    REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count_search_words();

-- The posts already stored.
SELECT search_words_add(array_agg(c.edition), array_agg(c.token), array_agg(c.delta))
FROM (SELECT p.edition, t.token, count(*)::integer AS delta
      FROM posts p CROSS JOIN unnest(search_words_of(p.title, p.excerpt, p.body_html)) AS t(token)
      WHERE p.status = 'published'
      GROUP BY 1, 2) c
HAVING count(*) > 0;

-- Sitemap files are ranges of post ids per edition (Features/Feeds/FeedQueries.cs): the index lists
-- the ranges with their newest updated_at from this index alone, and a file is one range of it.
CREATE INDEX posts_edition_sitemap_idx ON posts (edition, id) INCLUDE (updated_at) WHERE status = 'published';
