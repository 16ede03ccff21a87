-- Editing through the admin API: a trash, who created each post, every version kept, old slugs kept.

-- 'trashed' posts are out of every public query (they are not 'published') until restored or purged.
ALTER TABLE posts DROP CONSTRAINT posts_status_check;
ALTER TABLE posts ADD CONSTRAINT posts_status_check CHECK (status IN ('draft', 'scheduled', 'published', 'trashed'));
ALTER TABLE posts DROP CONSTRAINT posts_dated_unless_draft;
ALTER TABLE posts ADD CONSTRAINT posts_dated_unless_draft CHECK (status IN ('draft', 'trashed') OR published_at IS NOT NULL);

-- The key that created the post: authors may edit only their own drafts.
ALTER TABLE posts ADD COLUMN created_by_key bigint REFERENCES api_keys (id);

-- The scheduler's claim: scheduled posts whose time has come.
CREATE INDEX posts_scheduled_due_idx ON posts (published_at) WHERE status = 'scheduled';

-- Every version of every post (number = the post's version), with who made it and how.
CREATE TABLE post_revisions (
    post_id    bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    number     integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    key_name   text NOT NULL,
    action     text NOT NULL,
    state      jsonb NOT NULL,
    PRIMARY KEY (post_id, number)
);

-- Slugs a published post had before it was renamed: the public API answers them with a 301.
CREATE TABLE post_slug_redirects (
    edition text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE,
    slug    text NOT NULL,
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (edition, slug)
);

CREATE INDEX post_slug_redirects_post_idx ON post_slug_redirects (post_id);

-- Versions for If-Match on tags and authors.
ALTER TABLE tags ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE authors ADD COLUMN version integer NOT NULL DEFAULT 1;
