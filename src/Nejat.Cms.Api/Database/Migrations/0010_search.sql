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
--     ی ى ئ → ي, ک → ك, أ إ آ ٱ → ا, ؤ → و, ۀ ە ھ → ه, and ة → ه (last, see search_prepare);
--   Persian ۰–۹ and Arabic-Indic ٠–٩ digits → 0–9; no-break spaces → space (NFKC);
--   deleted: harakat, tanwin, shadda, sukun and the other marks U+064B–U+065F, superscript alef
--     U+0670, Quranic marks, tatweel U+0640, ZWNJ, ZWJ, LRM, RLM, soft hyphen, BOM;
--   a Persian plural or comparative suffix written as its own word joins the word before it
--     (ها های هایی تر ترین), so خانه‌ها, خانه ها and خانهها all become خانهها.
-- search_fold is all of it but ة → ه; search_normalize is all of it.
CREATE FUNCTION search_fold(input text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    -- NFKC also turns no-break spaces into spaces.
    folded text := public.unaccent('public.unaccent'::regdictionary, lower(normalize(input, NFKC)));
BEGIN
    -- Deletions are one regular expression, and the mappings run only on text in Arabic script:
    -- translate() costs in proportion to the characters it maps, and was most of the time spent
    -- indexing a post.
    folded := regexp_replace(folded,
        U&'[#064B-#065F#0670#06D6-#06DC#06DF-#06E4#06E7#06E8#06EA-#06ED#0640#200C-#200F#00AD#FEFF]' UESCAPE '#', '', 'g');
    IF folded ~ U&'[#0600-#06FF]' UESCAPE '#' THEN
        folded := translate(folded,
            U&'\06CC\0649\0626\06A9\0623\0625\0622\0671\0624\06C0\06D5\06BE'
                || U&'\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669',
            U&'\064A\064A\064A\0643\0627\0627\0627\0627\0648\0647\0647\0647'
                || '01234567890123456789');
        folded := regexp_replace(folded,
            U&'([#0600-#06FF])\s+(#0647#0627|#0647#0627#064A|#0647#0627#064A#064A|#062A#0631|#062A#0631#064A#0646)(?![#0600-#06FF])' UESCAPE '#',
            '\1\2', 'g');
    END IF;
    RETURN folded;
END
$$;

CREATE FUNCTION search_normalize(input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(search_fold(input), U&'\0629', U&'\0647');

-- Text as an edition's configuration should parse and stem it, stored text and queries alike.
-- PostgreSQL's arabic stemmer knows ة: it stems المدرسة and مدرسة alike to مدرس, but after ة → ه
-- it leaves المدرسه whole. So the arabic configuration gets the text folded except for ة; in
-- the others ة → ه lets a Persian-keyboard ه meet an Arabic ة.
CREATE FUNCTION search_prepare(config regconfig, input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN config = 'arabic'::regconfig THEN search_fold(input) ELSE search_normalize(input) END;

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
-- the query's lexemes (computed like the stored text: normalised, then the edition's
-- configuration), each word flagged. Reads words only until the first match (at most 5,000).
-- The caller escapes the words and marks the flagged ones.
CREATE FUNCTION search_snippet(config regconfig, source text, query_lexemes text[], max_words integer,
                               OUT words text[], OUT hits boolean[], OUT cut_before boolean, OUT cut_after boolean)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    all_words text[] := regexp_split_to_array(btrim(source), '\s+');
    word_count integer := coalesce(array_length(all_words, 1), 0);
    first_hit integer := 0;
    start integer;
    stop integer;
BEGIN
    FOR i IN 1 .. least(word_count, 5000) LOOP
        IF search_word_hits(config, all_words, i, query_lexemes) THEN
            first_hit := i;
            EXIT;
        END IF;
    END LOOP;
    start := greatest(1, first_hit - max_words / 3);
    stop := least(word_count, start + max_words - 1);
    start := greatest(1, least(start, stop - max_words + 1));
    words := all_words[start:stop];
    hits := ARRAY(SELECT first_hit > 0 AND search_word_hits(config, all_words, i, query_lexemes) FROM generate_series(start, stop) i);
    cut_before := start > 1;
    cut_after := stop < word_count;
END
$$;

-- Whether word i of words matches a query lexeme: alone, or joined to the Persian suffix written
-- after it as a separate word, or as that suffix joined to the word before it.
CREATE FUNCTION search_word_hits(config regconfig, words text[], i integer, query_lexemes text[]) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN tsvector_to_array(to_tsvector(config, search_prepare(config, words[i]))) && query_lexemes
    OR (i < array_length(words, 1) AND length(words[i + 1]) <= 6
        AND tsvector_to_array(to_tsvector(config, search_prepare(config, words[i] || ' ' || words[i + 1]))) && query_lexemes
        AND position(' ' IN search_normalize(words[i] || ' ' || words[i + 1])) = 0)
    OR (i > 1 AND length(words[i]) <= 6
        AND tsvector_to_array(to_tsvector(config, search_prepare(config, words[i - 1] || ' ' || words[i]))) && query_lexemes
        AND position(' ' IN search_normalize(words[i - 1] || ' ' || words[i])) = 0);
