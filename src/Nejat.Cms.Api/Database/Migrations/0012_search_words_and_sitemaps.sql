-- didYouMean from each edition's whole vocabulary, and sitemap files read by id ranges.

-- The same normaliser, cheaper, to pay for the vocabulary below (same results, so stored vectors and
-- the tags' expression index stay valid): text already in NFKC (nearly all of it) skips normalize(),
-- and the 32 Arabic-script letters and digits are replaced only where they occur. translate() scans
-- its whole list for every character of the text: on Persian and Arabic bodies it cost more than the
-- rest of the function together.
CREATE OR REPLACE FUNCTION search_letters(input text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    folded text;
    mapping text[];
BEGIN
    -- Plain ASCII only needs lower case (most English text, and it is indexed word by word too).
    IF input !~ '[^\x01-\x7F]' THEN
        RETURN lower(input);
    END IF;
    -- NFKC also turns no-break spaces into spaces.
    folded := CASE WHEN input IS NFKC NORMALIZED THEN input ELSE normalize(input, NFKC) END;
    folded := public.unaccent('public.unaccent'::regdictionary, lower(folded));
    -- Deletions are one regular expression, and the mappings run only on text in Arabic script.
    folded := regexp_replace(folded,
        U&'[#064B-#065F#0670#06D6-#06DC#06DF-#06E4#06E7#06E8#06EA-#06ED#0640#200C-#200F#00AD#FEFF]' UESCAPE '#', '', 'g');
    IF folded ~ U&'[#0600-#06FF]' UESCAPE '#' THEN
        FOREACH mapping SLICE 1 IN ARRAY ARRAY[
            [U&'\06CC', U&'\064A'], [U&'\0649', U&'\064A'], [U&'\0626', U&'\064A'], [U&'\06A9', U&'\0643'],
            [U&'\0623', U&'\0627'], [U&'\0625', U&'\0627'], [U&'\0622', U&'\0627'], [U&'\0671', U&'\0627'],
            [U&'\0624', U&'\0648'], [U&'\06C0', U&'\0647'], [U&'\06D5', U&'\0647'], [U&'\06BE', U&'\0647'],
            [U&'\06F0', '0'], [U&'\06F1', '1'], [U&'\06F2', '2'], [U&'\06F3', '3'], [U&'\06F4', '4'],
            [U&'\06F5', '5'], [U&'\06F6', '6'], [U&'\06F7', '7'], [U&'\06F8', '8'], [U&'\06F9', '9'],
            [U&'\0660', '0'], [U&'\0661', '1'], [U&'\0662', '2'], [U&'\0663', '3'], [U&'\0664', '4'],
            [U&'\0665', '5'], [U&'\0666', '6'], [U&'\0667', '7'], [U&'\0668', '8'], [U&'\0669', '9']]
        LOOP
            IF strpos(folded, mapping[1]) > 0 THEN
                folded := replace(folded, mapping[1], mapping[2]);
            END IF;
        END LOOP;
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
-- search_normalize form, and how many times they use it. didYouMean offers the word closest to a
-- query word that found nothing (search_words_trgm_idx), frequent words first. Kept by the
-- statement-level triggers below: an import counts each word once per statement.
-- Fill factor 80: a count update stays on its page (HOT), leaving the indexes alone.
CREATE TABLE search_words (
    edition     text NOT NULL,
    word        text NOT NULL,
    normalized  text NOT NULL,
    occurrences integer NOT NULL,
    PRIMARY KEY (edition, word)
) WITH (fillfactor = 80);

CREATE INDEX search_words_normalized_idx ON search_words (edition, normalized);
-- GIN, not GiST: on 480,000 short words a trigram match took 1-11 ms with GIN and 75-90 ms with GiST.
CREATE INDEX search_words_trgm_idx ON search_words USING gin (normalized gin_trgm_ops);

-- A post's title, excerpt and body text cut at spaces. Cutting is all a write pays per post: a third
-- of what PostgreSQL's text search parser costs (measured: 0.15 against 0.3-0.35 ms for a 3 KB body);
-- each distinct piece is cut into words once per statement (search_piece_words).
CREATE FUNCTION search_pieces_of(title text, excerpt text, body_html text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN string_to_array(title || ' ' || excerpt || ' ' || search_text(body_html), ' ');

-- The words of a piece as written: lower case, without tatweel and invisible marks, cut at
-- punctuation and other spaces. ZWNJ stays inside a word (کتاب‌های); PostgreSQL counts it as
-- punctuation, so it goes through the cut as tatweel. Not words to offer a reader: URLs and e-mail
-- addresses, numbers, single letters and anything over 40 characters.
CREATE FUNCTION search_piece_words(piece text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT w.word
    FROM regexp_split_to_table(
            translate(lower(regexp_replace(piece, U&'[#0640#200D-#200F#00AD#FEFF]' UESCAPE '#', '', 'g')), U&'\200C', U&'\0640'),
            U&'[[:punct:][:space:]#00A0#2000-#200B#202F#205F#3000]+' UESCAPE '#') AS cut(token)
    CROSS JOIN LATERAL (SELECT translate(btrim(cut.token, U&'\0640'), U&'\0640', U&'\200C') AS word) w
    WHERE piece !~ '://|@|^www\.'
      AND w.word !~ U&'[0-9#06F0-#06F9#0660-#0669]' UESCAPE '#'
      AND length(w.word) BETWEEN 2 AND 40
$$;

-- Adds counts to words, given per distinct piece (search_pieces_of); words no longer used go.
-- Rows are locked in key order, so concurrent writers wait for each other instead of deadlocking.
CREATE FUNCTION search_words_add(editions text[], pieces text[], deltas integer[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    unused_editions text[];
    unused_words text[];
BEGIN
    WITH counted AS (
        INSERT INTO search_words AS w (edition, word, normalized, occurrences)
        SELECT d.edition, d.word, coalesce(known.normalized, search_normalize(d.word)), d.delta
        FROM (SELECT u.edition, pw.word, sum(u.delta)::integer AS delta
              FROM unnest(editions, pieces, deltas) AS u(edition, piece, delta)
              CROSS JOIN LATERAL search_piece_words(u.piece) AS pw(word)
              GROUP BY 1, 2
              HAVING sum(u.delta) <> 0) d
        LEFT JOIN search_words known ON known.edition = d.edition AND known.word = d.word
        ORDER BY d.edition, d.word
        ON CONFLICT (edition, word) DO UPDATE SET occurrences = w.occurrences + excluded.occurrences
        RETURNING w.edition, w.word, w.occurrences)
    SELECT array_agg(edition), array_agg(word) INTO unused_editions, unused_words
    FROM counted WHERE occurrences <= 0;

    DELETE FROM search_words w
    USING unnest(unused_editions, unused_words) AS u(edition, word)
    WHERE w.edition = u.edition AND w.word = u.word AND w.occurrences <= 0;
END
$$;

-- +1 for each piece of a post published now, -1 for each piece of one published before; an update
-- counts only posts whose edition, text or publication changed (not a retag or a version bump).
-- PL/pgSQL plans a statement only when it runs, so each branch names only the tables its event has.
CREATE FUNCTION posts_count_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    editions text[];
    pieces text[];
    deltas integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(c.edition), array_agg(c.piece), array_agg(c.delta) INTO editions, pieces, deltas
        FROM (SELECT n.edition, t.piece, count(*)::integer AS delta
              FROM new_posts n CROSS JOIN unnest(search_pieces_of(n.title, n.excerpt, n.body_html)) AS t(piece)
              WHERE n.status = 'published'
              GROUP BY 1, 2) c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(c.edition), array_agg(c.piece), array_agg(c.delta) INTO editions, pieces, deltas
        FROM (SELECT o.edition, t.piece, -count(*)::integer AS delta
              FROM old_posts o CROSS JOIN unnest(search_pieces_of(o.title, o.excerpt, o.body_html)) AS t(piece)
              WHERE o.status = 'published'
              GROUP BY 1, 2) c;
    ELSE
        SELECT array_agg(c.edition), array_agg(c.piece), array_agg(c.delta) INTO editions, pieces, deltas
        FROM (SELECT p.edition, t.piece, sum(p.delta)::integer AS delta
              FROM (SELECT x.edition, x.title, x.excerpt, x.body_html, x.delta
                    FROM old_posts o JOIN new_posts n ON n.id = o.id
                    CROSS JOIN LATERAL (VALUES (o.edition, o.title, o.excerpt, o.body_html, -1, o.status = 'published'),
                                               (n.edition, n.title, n.excerpt, n.body_html, 1, n.status = 'published'))
                        AS x(edition, title, excerpt, body_html, delta, published)
                    WHERE x.published
                      AND (o.status = 'published', o.edition, o.title, o.excerpt, o.body_html)
                          IS DISTINCT FROM (n.status = 'published', n.edition, n.title, n.excerpt, n.body_html)) p
              CROSS JOIN unnest(search_pieces_of(p.title, p.excerpt, p.body_html)) AS t(piece)
              GROUP BY 1, 2
              HAVING sum(p.delta) <> 0) c;
    END IF;
    IF pieces IS NOT NULL THEN
        PERFORM search_words_add(editions, pieces, deltas);
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
SELECT search_words_add(array_agg(c.edition), array_agg(c.piece), array_agg(c.delta))
FROM (SELECT p.edition, t.piece, count(*)::integer AS delta
      FROM posts p CROSS JOIN unnest(search_pieces_of(p.title, p.excerpt, p.body_html)) AS t(piece)
      WHERE p.status = 'published'
      GROUP BY 1, 2) c
HAVING count(*) > 0;

-- Sitemap files are ranges of post ids per edition (Features/Feeds/FeedQueries.cs): the index lists
-- the ranges with their newest updated_at from this index alone, and a file is one range of it.
CREATE INDEX posts_edition_sitemap_idx ON posts (edition, id) INCLUDE (updated_at) WHERE status = 'published';
