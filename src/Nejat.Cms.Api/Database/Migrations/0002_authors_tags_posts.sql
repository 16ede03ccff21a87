CREATE TABLE authors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL CONSTRAINT authors_slug_key UNIQUE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The public author list, alphabetical in the root collation (sensible across all four scripts).
CREATE INDEX authors_name_idx ON authors (name COLLATE "und-x-icu", id);

CREATE TABLE tags (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition    text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE,
    slug       text NOT NULL,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Published posts carrying the tag; maintained by the post_tags triggers below.
    post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_edition_slug_key UNIQUE (edition, slug)
);

CREATE INDEX tags_edition_name_idx ON tags (edition, name COLLATE "und-x-icu", id);

CREATE TABLE posts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition         text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE,
    slug            text NOT NULL,
    -- Only 'published' posts are public; 'scheduled' ones become published at published_at.
    status          text NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    published_at    timestamptz,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    excerpt         text NOT NULL DEFAULT '',
    body_html       text NOT NULL DEFAULT '',
    byline          text,
    author_id       bigint REFERENCES authors (id),
    -- Groups the same story across editions.
    translation_key text,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posts_edition_slug_key UNIQUE (edition, slug),
    CONSTRAINT posts_dated_unless_draft CHECK (status = 'draft' OR published_at IS NOT NULL)
);

-- Published posts per edition, kept by the posts_count triggers below: the list total without a count.
ALTER TABLE editions ADD COLUMN post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0);

-- Newest-first public lists per edition and newer/older neighbours.
CREATE INDEX posts_edition_published_idx ON posts (edition, published_at DESC, id DESC)
    WHERE status = 'published';
-- Newest-first public lists per author (and author post counts).
CREATE INDEX posts_author_published_idx ON posts (author_id, edition, published_at DESC, id DESC)
    WHERE status = 'published';
-- A story has at most one post per edition; also finds a post's translations.
CREATE UNIQUE INDEX posts_translation_edition_key ON posts (translation_key, edition)
    WHERE translation_key IS NOT NULL;

CREATE TABLE post_tags (
    post_id      bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id       bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    -- Order of the post's tags; the lowest is the primary tag.
    position     smallint NOT NULL CHECK (position >= 0),
    -- Copies of the post's visibility and date, kept in step by triggers, so that a tag's
    -- public posts are one index range and its count one row.
    published    boolean NOT NULL DEFAULT false,
    published_at timestamptz,
    PRIMARY KEY (post_id, tag_id)
);

-- Newest-first public lists per tag; the leading tag_id also serves the foreign key.
CREATE INDEX post_tags_tag_published_idx ON post_tags (tag_id, published, published_at DESC, post_id DESC);

CREATE FUNCTION post_tags_copy_post_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.status = 'published', p.published_at
      INTO NEW.published, NEW.published_at
      FROM posts p
     WHERE p.id = NEW.post_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER post_tags_copy_post_state BEFORE INSERT ON post_tags
    FOR EACH ROW EXECUTE FUNCTION post_tags_copy_post_state();

CREATE FUNCTION posts_sync_post_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_tags pt
       SET published = (n.status = 'published'), published_at = n.published_at
      FROM changed_posts n
     WHERE pt.post_id = n.id
       AND (pt.published IS DISTINCT FROM (n.status = 'published') OR pt.published_at IS DISTINCT FROM n.published_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_sync_post_tags AFTER UPDATE ON posts
    REFERENCING NEW TABLE AS changed_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_sync_post_tags();

-- Statement-level with transition tables, so a bulk import updates each tag once per statement.
-- PL/pgSQL plans a statement only when it runs, so each branch names only the tables its event has.
CREATE FUNCTION post_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE tags t SET post_count = t.post_count - d.n
          FROM (SELECT tag_id, count(*) AS n FROM old_rows WHERE published GROUP BY tag_id) d
         WHERE t.id = d.tag_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE tags t SET post_count = t.post_count + d.n
          FROM (SELECT tag_id, count(*) AS n FROM new_rows WHERE published GROUP BY tag_id) d
         WHERE t.id = d.tag_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_tags_count_insert AFTER INSERT ON post_tags
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_count();
CREATE TRIGGER post_tags_count_update AFTER UPDATE ON post_tags
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_count();
CREATE TRIGGER post_tags_count_delete AFTER DELETE ON post_tags
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_count();

-- Editions' published-post counts. An update only touches an edition whose count really moves, so
-- ordinary edits do not queue on the edition row.
CREATE FUNCTION posts_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE editions e SET post_count = e.post_count + d.n
          FROM (SELECT edition, count(*) AS n FROM new_posts WHERE status = 'published' GROUP BY edition) d
         WHERE e.code = d.edition;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE editions e SET post_count = e.post_count - d.n
          FROM (SELECT edition, count(*) AS n FROM old_posts WHERE status = 'published' GROUP BY edition) d
         WHERE e.code = d.edition;
    ELSE
        UPDATE editions e SET post_count = e.post_count + d.delta
          FROM (SELECT edition, sum(delta) AS delta
                  FROM (SELECT edition, 1 AS delta FROM new_posts WHERE status = 'published'
                        UNION ALL
                        SELECT edition, -1 FROM old_posts WHERE status = 'published') changes
                 GROUP BY edition
                HAVING sum(delta) <> 0) d
         WHERE e.code = d.edition;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_count_insert AFTER INSERT ON posts
    REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count();
CREATE TRIGGER posts_count_update AFTER UPDATE ON posts
    REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count();
CREATE TRIGGER posts_count_delete AFTER DELETE ON posts
    REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_count();
