-- Pages (About Us, Contact …) are posts of kind 'page': the same revisions, scheduling, translations,
-- slug redirects, versions and rights, but outside every post list, neighbour, count and feed.
ALTER TABLE posts ADD COLUMN kind text NOT NULL DEFAULT 'post' CONSTRAINT posts_kind_check CHECK (kind IN ('post', 'page'));

-- The public list indexes cover posts only, so a list reads no page entries (queries say kind = 'post').
DROP INDEX posts_edition_published_idx;
CREATE INDEX posts_edition_published_idx ON posts (edition, published_at DESC, id DESC)
    WHERE status = 'published' AND kind = 'post';
DROP INDEX posts_author_published_idx;
CREATE INDEX posts_author_published_idx ON posts (author_id, edition, published_at DESC, id DESC)
    WHERE status = 'published' AND kind = 'post';
-- Published pages of an edition: the sitemap.
CREATE INDEX posts_edition_pages_idx ON posts (edition, slug) WHERE status = 'published' AND kind = 'page';

-- post_tags.published means "counts as a public post of the tag": never for a page.
CREATE OR REPLACE FUNCTION post_tags_copy_post_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.status = 'published' AND p.kind = 'post', p.published_at
      INTO NEW.published, NEW.published_at
      FROM posts p
     WHERE p.id = NEW.post_id;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION posts_sync_post_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_tags pt
       SET published = (n.status = 'published' AND n.kind = 'post'), published_at = n.published_at
      FROM changed_posts n
     WHERE pt.post_id = n.id
       AND (pt.published IS DISTINCT FROM (n.status = 'published' AND n.kind = 'post') OR pt.published_at IS DISTINCT FROM n.published_at);
    RETURN NULL;
END
$$;

-- editions.post_count counts published posts, not pages.
CREATE OR REPLACE FUNCTION posts_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE editions e SET post_count = e.post_count + d.n
          FROM (SELECT edition, count(*) AS n FROM new_posts WHERE status = 'published' AND kind = 'post' GROUP BY edition) d
         WHERE e.code = d.edition;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE editions e SET post_count = e.post_count - d.n
          FROM (SELECT edition, count(*) AS n FROM old_posts WHERE status = 'published' AND kind = 'post' GROUP BY edition) d
         WHERE e.code = d.edition;
    ELSE
        UPDATE editions e SET post_count = e.post_count + d.delta
          FROM (SELECT edition, sum(delta) AS delta
                  FROM (SELECT edition, 1 AS delta FROM new_posts WHERE status = 'published' AND kind = 'post'
                        UNION ALL
                        SELECT edition, -1 FROM old_posts WHERE status = 'published' AND kind = 'post') changes
                 GROUP BY edition
                HAVING sum(delta) <> 0) d
         WHERE e.code = d.edition;
    END IF;
    RETURN NULL;
END
$$;

-- One versioned JSON document per edition and kind: the site settings and the navigation menu.
-- A missing row is the empty document at version 0; the first write creates it.
CREATE TABLE edition_documents (
    edition    text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE,
    name       text NOT NULL CHECK (name IN ('settings', 'navigation')),
    body       jsonb NOT NULL,
    version    integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (edition, name)
);
