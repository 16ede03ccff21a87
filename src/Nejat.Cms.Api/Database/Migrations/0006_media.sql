-- The media library: uploaded files (content-addressed by SHA-256) and external videos, their
-- per-edition texts, the site's collections, and posts' featured media.

-- The site's media sections and publications; admins may add more.
CREATE TABLE media_collections (
    slug     text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    position integer NOT NULL DEFAULT 0
);

INSERT INTO media_collections (slug, name, position) VALUES
    ('cartoons', 'Cartoons', 1),
    ('news-pics', 'News Pics', 2),
    ('photo-gallery', 'Photo Gallery', 3),
    ('videos', 'Videos', 4),
    ('books', 'Books', 5),
    ('newsletter', 'Newsletter', 6),
    ('brief', 'Brief', 7);

-- One row per upload (or external video): two uploads of the same bytes are two rows, each with its
-- own metadata, sharing one stored file named by sha256. A stored file that no row names is removed
-- by the media sweeper after a grace period.
CREATE TABLE media (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document')),
    collection       text REFERENCES media_collections (slug) ON UPDATE CASCADE,
    sha256           text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type     text,
    size             bigint CHECK (size >= 0),
    width            integer CHECK (width > 0),
    height           integer CHECK (height > 0),
    credit           text CHECK (length(credit) <= 300),
    source           text CHECK (length(source) <= 300),
    -- External videos (YouTube, Vimeo, allowed hosts): no stored file.
    provider         text,
    provider_id      text,
    source_url       text,
    embed_url        text,
    thumbnail_url    text,
    version          integer NOT NULL DEFAULT 1,
    created_by_key   bigint REFERENCES api_keys (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_file_or_external CHECK (
        (sha256 IS NOT NULL AND content_type IS NOT NULL AND size IS NOT NULL AND provider IS NULL)
        OR (sha256 IS NULL AND kind = 'video' AND provider IS NOT NULL AND embed_url IS NOT NULL))
);

-- Newest-first lists: all media, per collection, per kind, per collection and kind.
CREATE INDEX media_created_idx ON media (created_at DESC, id DESC);
CREATE INDEX media_collection_created_idx ON media (collection, created_at DESC, id DESC);
CREATE INDEX media_kind_created_idx ON media (kind, created_at DESC, id DESC);
CREATE INDEX media_collection_kind_created_idx ON media (collection, kind, created_at DESC, id DESC);
-- Which rows name a stored file: the sweeper's test and the file routes' lookup.
CREATE INDEX media_sha256_idx ON media (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE media_translations (
    media_id bigint NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    edition  text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    title    text NOT NULL DEFAULT '' CHECK (length(title) <= 500),
    alt      text NOT NULL DEFAULT '' CHECK (length(alt) <= 1000),
    caption  text NOT NULL DEFAULT '' CHECK (length(caption) <= 2000),
    PRIMARY KEY (media_id, edition)
);

ALTER TABLE posts ADD COLUMN featured_media_id bigint REFERENCES media (id);
-- Finds the posts that use a media item (delete needs ?force=true then).
CREATE INDEX posts_featured_media_idx ON posts (featured_media_id) WHERE featured_media_id IS NOT NULL;

-- Galleries: ordered sets of media with a title per edition; a gallery is listed in the editions it has a title in.
CREATE TABLE galleries (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL CONSTRAINT galleries_slug_key UNIQUE,
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gallery_titles (
    gallery_id bigint NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    edition    text NOT NULL REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    PRIMARY KEY (gallery_id, edition)
);

-- An edition's galleries, newest first.
CREATE INDEX gallery_titles_edition_idx ON gallery_titles (edition, gallery_id DESC);

CREATE TABLE gallery_items (
    gallery_id bigint NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    position   smallint NOT NULL CHECK (position >= 0),
    media_id   bigint NOT NULL REFERENCES media (id),
    PRIMARY KEY (gallery_id, position)
);

-- Finds the galleries that use a media item (delete needs ?force=true then).
CREATE INDEX gallery_items_media_idx ON gallery_items (media_id);
