-- Full-text search over published posts and pages, in every edition's own language.
-- unaccent, pg_trgm and fuzzystrmatch are trusted extensions (PostgreSQL 13+): a database owner
-- may create them. They ship with the server (Debian's postgresql package, the postgres image).
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;

-- Each edition's text search configuration: stemming where PostgreSQL has a stemmer for the
-- language (english, arabic); Farsi and Albanian have none, so their words are matched whole.
ALTER TABLE editions ADD COLUMN search_config regconfig NOT NULL DEFAULT 'simple';
UPDATE editions SET search_config = CASE code WHEN 'en' THEN 'english'::regconfig WHEN 'ar' THEN 'arabic'::regconfig ELSE 'simple'::regconfig END;

-- THE search normaliser: stored text and queries both go through it, so every variant a keyboard
-- produces meets the same canonical form. In order:
--   Unicode NFKC (presentation forms and ligatures to letters, decomposed hamza composed),
--   lower case, then unaccent (Latin diacritics: ë → e, ç → c);
--   Arabic-script letters to one form each (the Arabic letters, which the arabic stemmer knows):
--     ی ى ئ → ي, ک → ك, أ إ آ ٱ → ا, ؤ → و, ۀ ە ھ → ه, and ة → ه (see search_config_letters);
--   Persian ۰–۹ and Arabic-Indic ٠–٩ digits → 0–9; no-break spaces → space (NFKC);
--   deleted: harakat, tanwin, shadda, sukun and the other marks U+064B–U+065F, superscript alef
--     U+0670, Quranic marks, tatweel U+0640, ZWNJ, ZWJ, LRM, RLM, soft hyphen, BOM;
--   a Persian plural or comparative suffix written as its own word joins the word before it
--     (ها های هایی تر ترین), so خانه‌ها, خانه ها and خانهها all become خانهها.
-- search_letters is the per-character part (all but the suffixes), keeping ة; search_normalize is
-- all of it.
CREATE FUNCTION search_letters(input text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    folded text;
BEGIN
    -- Plain ASCII only needs lower case (most English text, and it is indexed word by word too).
    IF input !~ '[^\x01-\x7F]' THEN
        RETURN lower(input);
    END IF;
    -- NFKC also turns no-break spaces into spaces.
    folded := public.unaccent('public.unaccent'::regdictionary, lower(normalize(input, NFKC)));
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

-- The Persian suffixes, as search_letters leaves them.
CREATE FUNCTION search_is_suffix(word text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN word IN (U&'\0647\0627', U&'\0647\0627\064A', U&'\0647\0627\064A\064A', U&'\062A\0631', U&'\062A\0631\064A\0646');

CREATE FUNCTION search_join_suffixes(folded text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(folded,
    U&'([#0600-#06FF])\s+(#0647#0627|#0647#0627#064A|#0647#0627#064A#064A|#062A#0631|#062A#0631#064A#0646)(?![#0600-#06FF])' UESCAPE '#',
    '\1\2', 'g');

CREATE FUNCTION search_normalize(input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(search_join_suffixes(search_letters(input)), U&'\0629', U&'\0647');

-- Letters as an edition's configuration should parse and stem them, stored text and queries alike.
-- PostgreSQL's arabic stemmer knows ة: it stems المدرسة and مدرسة alike to مدرس, but after ة → ه
-- it leaves المدرسه whole. So the arabic configuration gets ة as written; in the others ة → ه lets
-- a Persian-keyboard ه meet an Arabic ة.
CREATE FUNCTION search_config_letters(config regconfig, input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN config = 'arabic'::regconfig THEN search_letters(input) ELSE replace(search_letters(input), U&'\0629', U&'\0647') END;

CREATE FUNCTION search_prepare(config regconfig, input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN search_join_suffixes(search_config_letters(config, input));

-- The words of a post's HTML body: tags dropped, the entities the sanitiser writes decoded.
CREATE FUNCTION search_text(html text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(replace(replace(replace(replace(replace(
    regexp_replace(html, '<[^>]*>', ' ', 'g'),
    '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&');

-- What search reads, one narrow row per post or page beside posts (whose rows carry whole
-- bodies): a common word matches most of an edition, and ranking reads every match's row.
--   search_vector: title (weight A), excerpt (B) and body (C) in the edition's configuration;
--     stored out of line (toast_tuple_target, EXTERNAL), so the row stays small; the GIN index
--     answers a match without reading it (only a phrase needs it, to check word positions);
--   search_title: the title alone in that configuration: title matches rank first;
--   suggest_title: the title's unstemmed words, for prefix matching while a reader types (a
--     half-typed word's stem is not a prefix of the whole word's: relocat stays, relocation → reloc);
--   title_folded: the normalised title, for didYouMean's trigram index.
-- Kept by a trigger on posts, in the writing transaction; the vectors are rebuilt only when the
-- text changes.
CREATE TABLE post_search (
    post_id       bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    edition       text NOT NULL,
    kind          text NOT NULL,
    status        text NOT NULL,
    author_id     bigint,
    published_at  timestamptz,
    title_folded  text NOT NULL,
    search_title  tsvector NOT NULL,
    suggest_title tsvector NOT NULL,
    search_vector tsvector NOT NULL
) WITH (toast_tuple_target = 512);
ALTER TABLE post_search ALTER COLUMN search_vector SET STORAGE EXTERNAL;

-- A post's search columns, from its edition and texts.
CREATE FUNCTION post_search_document(edition_code text, title text, excerpt text, body_html text,
        OUT title_folded text, OUT search_title tsvector, OUT suggest_title tsvector, OUT search_vector tsvector)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    config regconfig := (SELECT e.search_config FROM editions e WHERE e.code = edition_code);
BEGIN
    title_folded := search_normalize(title);
    search_title := to_tsvector(config, search_prepare(config, title));
    suggest_title := to_tsvector('simple', title_folded);
    search_vector := setweight(search_title, 'A')
        || setweight(to_tsvector(config, search_prepare(config, excerpt)), 'B')
        || setweight(to_tsvector(config, search_prepare(config, search_text(body_html))), 'C');
END
$$;

CREATE FUNCTION posts_mirror_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.edition, NEW.title, NEW.excerpt, NEW.body_html) IS NOT DISTINCT FROM (OLD.edition, OLD.title, OLD.excerpt, OLD.body_html) THEN
        UPDATE post_search
           SET kind = NEW.kind, status = NEW.status, author_id = NEW.author_id, published_at = NEW.published_at
         WHERE post_id = NEW.id
           AND (kind, status, author_id, published_at) IS DISTINCT FROM (NEW.kind, NEW.status, NEW.author_id, NEW.published_at);
        RETURN NULL;
    END IF;
    INSERT INTO post_search (post_id, edition, kind, status, author_id, published_at, title_folded, search_title, suggest_title, search_vector)
    SELECT NEW.id, NEW.edition, NEW.kind, NEW.status, NEW.author_id, NEW.published_at, d.*
    FROM post_search_document(NEW.edition, NEW.title, NEW.excerpt, NEW.body_html) d
    ON CONFLICT (post_id) DO UPDATE
       SET edition = EXCLUDED.edition, kind = EXCLUDED.kind, status = EXCLUDED.status, author_id = EXCLUDED.author_id,
           published_at = EXCLUDED.published_at, title_folded = EXCLUDED.title_folded, search_title = EXCLUDED.search_title,
           suggest_title = EXCLUDED.suggest_title, search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_mirror_search AFTER INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_mirror_search();

-- The posts already stored.
INSERT INTO post_search (post_id, edition, kind, status, author_id, published_at, title_folded, search_title, suggest_title, search_vector)
SELECT p.id, p.edition, p.kind, p.status, p.author_id, p.published_at, d.*
FROM posts p
CROSS JOIN LATERAL post_search_document(p.edition, p.title, p.excerpt, p.body_html) d;

-- Search reads published posts and pages only.
CREATE INDEX post_search_vector_idx ON post_search USING gin (search_vector) WHERE status = 'published';
CREATE INDEX post_search_suggest_idx ON post_search USING gin (suggest_title) WHERE status = 'published';

-- didYouMean: titles and tag names whose words are close to a query word that found nothing.
CREATE INDEX post_search_title_trgm_idx ON post_search USING gin (title_folded gin_trgm_ops) WHERE status = 'published';
CREATE INDEX tags_search_name_trgm_idx ON tags USING gin (search_normalize(name) gin_trgm_ops);

-- A result's snippet: up to max_words words of source around its first word that matches one of
-- the query's lexemes, each word flagged; the caller escapes the words and marks the flagged ones.
-- The source is folded once (search_config_letters keeps words apart: it maps and deletes
-- characters, never spaces), so word i of the folded text is word i as written; then each word is
-- parsed with the configuration (alone, joined to a Persian suffix written after it, or as such a
-- suffix joined to the word before) until the first match (at most 5,000 words).
CREATE FUNCTION search_snippet(config regconfig, source text, query_lexemes text[], max_words integer,
                               OUT words text[], OUT hits boolean[], OUT cut_before boolean, OUT cut_after boolean)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    spaced text := btrim(regexp_replace(source, U&'[\s#00A0#202F]+' UESCAPE '#', ' ', 'g'));
    folded text[];
    word_hits boolean[] := '{}';
    word_count integer;
    done integer := 0;
    slice_start integer;
    first_hit integer := 0;
    start integer;
    stop integer;
BEGIN
    words := string_to_array(spaced, ' ');
    word_count := coalesce(array_length(words, 1), 0);
    folded := string_to_array(search_config_letters(config, spaced), ' ');
    IF coalesce(array_length(folded, 1), 0) <> word_count THEN
        -- A compatibility character that NFKC spells with spaces: fold word by word instead.
        folded := ARRAY(SELECT search_config_letters(config, w) FROM unnest(words) w);
    END IF;
    -- A hundred words at a time, until the first match and the words after it are known.
    WHILE done < least(word_count, 5000) AND (first_hit = 0 OR done < first_hit + max_words) LOOP
        slice_start := greatest(1, done);
        word_hits := word_hits || ARRAY(
            SELECT coalesce(tsvector_to_array(to_tsvector(config, w)) && query_lexemes
                            OR (search_is_suffix(next) AND tsvector_to_array(to_tsvector(config, w || next)) && query_lexemes)
                            OR (search_is_suffix(w) AND tsvector_to_array(to_tsvector(config, prev || w)) && query_lexemes), false)
            FROM (SELECT u.w, slice_start + u.n - 1 AS i, lead(u.w) OVER (ORDER BY u.n) AS next, lag(u.w) OVER (ORDER BY u.n) AS prev
                  FROM unnest(folded[slice_start : done + 101]) WITH ORDINALITY AS u(w, n)) x
            WHERE x.i BETWEEN done + 1 AND done + 100
            ORDER BY x.i);
        done := least(word_count, done + 100);
        first_hit := coalesce(array_position(word_hits, true), 0);
    END LOOP;
    start := greatest(1, first_hit - max_words / 3);
    stop := least(word_count, start + max_words - 1);
    start := greatest(1, least(start, stop - max_words + 1));
    words := words[start:stop];
    hits := ARRAY(SELECT coalesce(word_hits[i], false) FROM generate_series(start, stop) i);
    cut_before := start > 1;
    cut_after := stop < word_count;
END
$$;
