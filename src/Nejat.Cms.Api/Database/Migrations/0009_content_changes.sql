-- What public content changed: one row per thing per edition (the latest change wins), numbered in
-- commit order. Three readers share it: the change feed (/v1/{edition}/changes), the ETag of every
-- public response (an edition's version is its highest number), and the output cache's keys.
CREATE SEQUENCE content_change_seq;

CREATE TABLE content_changes (
    edition      text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('post', 'page', 'tag', 'author', 'settings', 'navigation', 'media', 'gallery', 'collection')),
    -- The thing's id; 0 for an edition's one settings or navigation document, and for the collections.
    entity_id    bigint NOT NULL,
    -- 'upserted': public now; 'unpublished': still stored but no longer public; 'deleted': gone.
    action       text NOT NULL CHECK (action IN ('upserted', 'unpublished', 'deleted')),
    -- Null until the writing transaction commits: content_changes_stamp numbers the rows then,
    -- under a lock held to the end of the commit, so numbers follow commit order and a reader that
    -- has seen number n has seen every change numbered below n.
    seq          bigint CONSTRAINT content_changes_seq_key UNIQUE,
    -- The number at which the thing last became public: "created" rather than "updated" for a
    -- reader whose token is older.
    visible_from bigint,
    writer       xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (edition, kind, entity_id)
);

-- The feed of an edition in order, and its version (the highest number).
CREATE INDEX content_changes_feed_idx ON content_changes (edition, seq);
CREATE INDEX content_changes_unstamped_idx ON content_changes (writer) WHERE seq IS NULL;
-- Tombstones by age, for the purge.
CREATE INDEX content_changes_tombstones_idx ON content_changes (changed_at) WHERE action <> 'upserted';

-- Tombstones older than the retention window are purged; a token from before the newest purged
-- number (seq) can no longer be answered (410). A purge changes that answer, so it takes a number of
-- its own (version) that moves the edition's content version on.
CREATE TABLE content_change_horizons (
    edition    text PRIMARY KEY REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    seq        bigint NOT NULL,
    version    bigint NOT NULL,
    changed_at timestamptz NOT NULL
);

-- One row per writing transaction: its insert queues the single deferred stamp at commit.
CREATE TABLE content_change_writers (
    writer xid8 PRIMARY KEY DEFAULT pg_current_xact_id()
);

CREATE FUNCTION note_content_changes(editions text[], kinds text[], ids bigint[], actions text[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO content_changes AS c (edition, kind, entity_id, action)
    SELECT DISTINCT ON (e, k, i) e, k, i, a
      FROM unnest(editions, kinds, ids, actions) AS u (e, k, i, a)
     ORDER BY e, k, i, a DESC
    ON CONFLICT (edition, kind, entity_id) DO UPDATE
       SET action = EXCLUDED.action, seq = NULL, writer = EXCLUDED.writer, changed_at = EXCLUDED.changed_at,
           visible_from = CASE WHEN c.action = 'upserted' AND EXCLUDED.action = 'upserted' THEN c.visible_from END;
    INSERT INTO content_change_writers (writer)
    SELECT pg_current_xact_id() WHERE cardinality(ids) > 0
    ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION content_changes_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(86197483435011); -- "Nejat" + 3
    UPDATE content_changes c
       SET seq = s.n, visible_from = CASE WHEN c.action = 'upserted' THEN coalesce(c.visible_from, s.n) END
      FROM (SELECT edition, kind, entity_id, nextval('content_change_seq') AS n
              FROM content_changes WHERE seq IS NULL AND writer = NEW.writer) s
     WHERE c.edition = s.edition AND c.kind = s.kind AND c.entity_id = s.entity_id;
    DELETE FROM content_change_writers WHERE writer = NEW.writer;
    PERFORM pg_notify('cms_content_changed', '');
    RETURN NULL;
END
$$;

-- Under the stamp's lock, so the purge's number too follows commit order.
CREATE FUNCTION purge_content_change_tombstones(retention interval) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(86197483435011);
    WITH purged AS (
        DELETE FROM content_changes
        WHERE action <> 'upserted' AND seq IS NOT NULL AND changed_at < now() - retention
        RETURNING edition, seq)
    INSERT INTO content_change_horizons (edition, seq, version, changed_at)
    SELECT edition, max(seq), nextval('content_change_seq'), now() FROM purged GROUP BY edition
    ON CONFLICT (edition) DO UPDATE
       SET seq = greatest(content_change_horizons.seq, EXCLUDED.seq), version = EXCLUDED.version, changed_at = EXCLUDED.changed_at;
    PERFORM pg_notify('cms_content_changed', '');
END
$$;

CREATE CONSTRAINT TRIGGER content_change_writers_stamp AFTER INSERT ON content_change_writers
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION content_changes_stamp();

-- Posts and pages (posts of kind 'page'): a change matters when the post is or was public. Published translations of a post whose
-- visibility, slug or story changed are changed too: their translation links name it.
CREATE FUNCTION posts_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM note_content_changes(array_agg(edition), array_agg(kind), array_agg(id), array_agg('upserted'::text))
           FROM new_posts WHERE status = 'published';
        PERFORM note_content_changes(array_agg(o.edition), array_agg(o.kind), array_agg(o.id), array_agg('upserted'::text))
           FROM posts o
          WHERE o.status = 'published'
            AND o.translation_key IN (SELECT translation_key FROM new_posts WHERE status = 'published')
            AND o.id NOT IN (SELECT id FROM new_posts);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM note_content_changes(array_agg(d.edition), array_agg(d.kind), array_agg(d.id), array_agg('deleted'::text))
           FROM old_posts d
          WHERE d.status = 'published'
             OR EXISTS (SELECT 1 FROM content_changes c WHERE c.edition = d.edition AND c.kind = d.kind AND c.entity_id = d.id);
        PERFORM note_content_changes(array_agg(o.edition), array_agg(o.kind), array_agg(o.id), array_agg('upserted'::text))
           FROM posts o
          WHERE o.status = 'published'
            AND o.translation_key IN (SELECT translation_key FROM old_posts WHERE status = 'published');
    ELSE
        PERFORM note_content_changes(array_agg(n.edition), array_agg(n.kind), array_agg(n.id),
                                     array_agg(CASE WHEN n.status = 'published' THEN 'upserted' ELSE 'unpublished' END))
           FROM new_posts n JOIN old_posts d ON d.id = n.id
          WHERE n.status = 'published' OR d.status = 'published';
        PERFORM note_content_changes(array_agg(o.edition), array_agg(o.kind), array_agg(o.id), array_agg('upserted'::text))
           FROM posts o
          WHERE o.status = 'published'
            AND o.id NOT IN (SELECT id FROM new_posts)
            AND o.translation_key IN (
                SELECT unnest(ARRAY[d.translation_key, n.translation_key])
                  FROM new_posts n JOIN old_posts d ON d.id = n.id
                 WHERE (n.status = 'published' OR d.status = 'published')
                   AND (n.status IS DISTINCT FROM d.status OR n.slug <> d.slug
                        OR n.translation_key IS DISTINCT FROM d.translation_key));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER posts_note_changes_insert AFTER INSERT ON posts
    REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_note_changes();
CREATE TRIGGER posts_note_changes_update AFTER UPDATE ON posts
    REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_note_changes();
CREATE TRIGGER posts_note_changes_delete AFTER DELETE ON posts
    REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION posts_note_changes();

-- A post's tags are part of the post: a published post whose tags change has changed. Posts that
-- are no longer published (or no longer exist) are the posts trigger's business.
CREATE FUNCTION post_tags_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_content_changes(array_agg(p.edition), array_agg(p.kind), array_agg(p.id), array_agg('upserted'::text))
       FROM posts p
      WHERE p.status = 'published'
        AND p.id IN (SELECT post_id FROM changed_post_tags);
    RETURN NULL;
END
$$;

CREATE TRIGGER post_tags_note_changes_insert AFTER INSERT ON post_tags
    REFERENCING NEW TABLE AS changed_post_tags
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_note_changes();
CREATE TRIGGER post_tags_note_changes_update AFTER UPDATE ON post_tags
    REFERENCING NEW TABLE AS changed_post_tags
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_note_changes();
CREATE TRIGGER post_tags_note_changes_delete AFTER DELETE ON post_tags
    REFERENCING OLD TABLE AS changed_post_tags
    FOR EACH STATEMENT EXECUTE FUNCTION post_tags_note_changes();

-- Tags belong to one edition; their post counts are public, so a count that moves is a change.
CREATE FUNCTION tags_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_content_changes(array_agg(edition), array_agg('tag'::text), array_agg(id),
                                 array_agg(CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE 'upserted' END))
       FROM changed_tags;
    RETURN NULL;
END
$$;

CREATE TRIGGER tags_note_changes_insert AFTER INSERT ON tags
    REFERENCING NEW TABLE AS changed_tags
    FOR EACH STATEMENT EXECUTE FUNCTION tags_note_changes();
CREATE TRIGGER tags_note_changes_update AFTER UPDATE ON tags
    REFERENCING NEW TABLE AS changed_tags
    FOR EACH STATEMENT EXECUTE FUNCTION tags_note_changes();
CREATE TRIGGER tags_note_changes_delete AFTER DELETE ON tags
    REFERENCING OLD TABLE AS changed_tags
    FOR EACH STATEMENT EXECUTE FUNCTION tags_note_changes();

-- Authors are shared by every edition, and every edition's posts show them.
CREATE FUNCTION authors_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_content_changes(array_agg(e.code), array_agg('author'::text), array_agg(a.id),
                                 array_agg(CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE 'upserted' END))
       FROM changed_authors a CROSS JOIN editions e;
    RETURN NULL;
END
$$;

CREATE TRIGGER authors_note_changes_insert AFTER INSERT ON authors
    REFERENCING NEW TABLE AS changed_authors
    FOR EACH STATEMENT EXECUTE FUNCTION authors_note_changes();
CREATE TRIGGER authors_note_changes_update AFTER UPDATE ON authors
    REFERENCING NEW TABLE AS changed_authors
    FOR EACH STATEMENT EXECUTE FUNCTION authors_note_changes();
CREATE TRIGGER authors_note_changes_delete AFTER DELETE ON authors
    REFERENCING OLD TABLE AS changed_authors
    FOR EACH STATEMENT EXECUTE FUNCTION authors_note_changes();

-- An edition's settings and navigation are one document each.
CREATE FUNCTION edition_documents_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_content_changes(array_agg(edition), array_agg(name), array_agg(0::bigint), array_agg('upserted'::text))
       FROM changed_documents;
    RETURN NULL;
END
$$;

CREATE TRIGGER edition_documents_note_changes_insert AFTER INSERT ON edition_documents
    REFERENCING NEW TABLE AS changed_documents
    FOR EACH STATEMENT EXECUTE FUNCTION edition_documents_note_changes();
CREATE TRIGGER edition_documents_note_changes_update AFTER UPDATE ON edition_documents
    REFERENCING NEW TABLE AS changed_documents
    FOR EACH STATEMENT EXECUTE FUNCTION edition_documents_note_changes();

-- Media, galleries and the media collections belong to no edition, and every edition shows them
-- (featured media, galleries, the collections list): a change is noted in every edition. Few rows
-- change at a time, so these are row triggers. TG_ARGV: the kind; the column naming the thing
-- ('' for the collections, all one thing); for a part of a thing (texts, items), its parent table,
-- so that a part deleted with its parent does not outlive the parent's tombstone.
CREATE FUNCTION shared_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    thing bigint := CASE WHEN TG_ARGV[1] = '' THEN 0 ELSE (changed ->> TG_ARGV[1])::bigint END;
    parent_exists boolean := true;
BEGIN
    IF TG_NARGS > 2 THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', TG_ARGV[2]) INTO parent_exists USING thing;
    END IF;
    IF parent_exists THEN
        PERFORM note_content_changes(array_agg(e.code), array_agg(TG_ARGV[0]), array_agg(thing),
                                     array_agg(CASE WHEN TG_OP = 'DELETE' AND TG_NARGS = 2 AND TG_ARGV[1] <> '' THEN 'deleted' ELSE 'upserted' END))
           FROM editions e;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER media_note_changes AFTER INSERT OR UPDATE OR DELETE ON media
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('media', 'id');
CREATE TRIGGER media_translations_note_changes AFTER INSERT OR UPDATE OR DELETE ON media_translations
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('media', 'media_id', 'media');
CREATE TRIGGER galleries_note_changes AFTER INSERT OR UPDATE OR DELETE ON galleries
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('gallery', 'id');
CREATE TRIGGER gallery_titles_note_changes AFTER INSERT OR UPDATE OR DELETE ON gallery_titles
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('gallery', 'gallery_id', 'galleries');
CREATE TRIGGER gallery_items_note_changes AFTER INSERT OR UPDATE OR DELETE ON gallery_items
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('gallery', 'gallery_id', 'galleries');
CREATE TRIGGER media_collections_note_changes AFTER INSERT OR UPDATE OR DELETE ON media_collections
    FOR EACH ROW EXECUTE FUNCTION shared_note_change('collection', '');

-- Content that already exists is the feed's starting point.
SELECT note_content_changes(array_agg(edition), array_agg(kind), array_agg(id), array_agg('upserted'::text))
  FROM posts WHERE status = 'published';
SELECT note_content_changes(array_agg(edition), array_agg(name), array_agg(0::bigint), array_agg('upserted'::text))
  FROM edition_documents;
SELECT note_content_changes(array_agg(edition), array_agg('tag'::text), array_agg(id), array_agg('upserted'::text))
  FROM tags;
SELECT note_content_changes(array_agg(e.code), array_agg('author'::text), array_agg(a.id), array_agg('upserted'::text))
  FROM authors a CROSS JOIN editions e;
SELECT note_content_changes(array_agg(e.code), array_agg('media'::text), array_agg(m.id), array_agg('upserted'::text))
  FROM media m CROSS JOIN editions e;
SELECT note_content_changes(array_agg(e.code), array_agg('gallery'::text), array_agg(g.id), array_agg('upserted'::text))
  FROM galleries g CROSS JOIN editions e;
SELECT note_content_changes(array_agg(code), array_agg('collection'::text), array_agg(0::bigint), array_agg('upserted'::text))
  FROM editions;
