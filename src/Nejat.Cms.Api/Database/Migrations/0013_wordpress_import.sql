-- Moving a WordPress site in: what each import wrote (so the next one updates instead of duplicating,
-- and never overwrites an editor's change unasked), and where every old URL of the site leads now.

-- One row per thing an import made, by its WordPress identity: ref is 'post:12' (posts, pages and
-- attachments share WordPress's ids), 'term:7:fa' (a category or tag, per edition), 'gallery:12:1'
-- (the first [gallery] of post 12) or 'menu:20' (a menu, made the navigation of edition). The target
-- column that is set is what it became; null once deleted in Nejat CMS (a later import then leaves it
-- deleted unless --overwrite). source_hash is what WordPress said at the last import, so an unchanged
-- item is not written again; fingerprint (posts) or version (the rest) is what the import left, so a
-- change made in Nejat CMS since is noticed.
CREATE TABLE wordpress_items (
    site        text NOT NULL CHECK (length(site) BETWEEN 1 AND 2000),
    ref         text NOT NULL CHECK (ref ~ '^(post|term|gallery|menu):[^\s]+$'),
    post_id     bigint REFERENCES posts (id) ON DELETE SET NULL,
    tag_id      bigint REFERENCES tags (id) ON DELETE SET NULL,
    media_id    bigint REFERENCES media (id) ON DELETE SET NULL,
    gallery_id  bigint REFERENCES galleries (id) ON DELETE SET NULL,
    edition     text REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    source_hash text NOT NULL,
    fingerprint text,
    version     integer,
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, ref),
    CONSTRAINT wordpress_items_one_target CHECK (num_nonnulls(post_id, tag_id, media_id, gallery_id) <= 1)
);

-- Deleting a post, tag, media item or gallery finds its ledger rows by these.
CREATE INDEX wordpress_items_post_idx ON wordpress_items (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX wordpress_items_tag_idx ON wordpress_items (tag_id) WHERE tag_id IS NOT NULL;
CREATE INDEX wordpress_items_media_idx ON wordpress_items (media_id) WHERE media_id IS NOT NULL;
CREATE INDEX wordpress_items_gallery_idx ON wordpress_items (gallery_id) WHERE gallery_id IS NOT NULL;

-- Every URL of an imported site (its host without www., and the path as Features/Redirects/OldUrls.cs
-- spells it: decoded, NFC, no trailing slash, with only the query WordPress routes by, e.g. /?p=12)
-- and what it shows now: a post or page, a tag, a media file or an edition's home. The target is
-- named by id, so the answer follows later renames; deleting the target removes its old URLs.
CREATE TABLE old_urls (
    host     text NOT NULL CHECK (length(host) BETWEEN 1 AND 300),
    path     text NOT NULL CHECK (length(path) BETWEEN 1 AND 2000),
    kind     text NOT NULL CHECK (kind IN ('post', 'tag', 'media', 'home')),
    edition  text REFERENCES editions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    post_id  bigint REFERENCES posts (id) ON DELETE CASCADE,
    tag_id   bigint REFERENCES tags (id) ON DELETE CASCADE,
    media_id bigint REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (host, path),
    CONSTRAINT old_urls_target CHECK (
        CASE kind
            WHEN 'post' THEN post_id IS NOT NULL AND num_nonnulls(tag_id, media_id) = 0
            WHEN 'tag' THEN tag_id IS NOT NULL AND num_nonnulls(post_id, media_id) = 0
            WHEN 'media' THEN media_id IS NOT NULL AND num_nonnulls(post_id, tag_id) = 0
            ELSE edition IS NOT NULL AND num_nonnulls(post_id, tag_id, media_id) = 0
        END)
);

-- An old path asked for without its host.
CREATE INDEX old_urls_path_idx ON old_urls (path);
-- Deleting a post, tag or media item removes its old URLs through these.
CREATE INDEX old_urls_post_idx ON old_urls (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX old_urls_tag_idx ON old_urls (tag_id) WHERE tag_id IS NOT NULL;
CREATE INDEX old_urls_media_idx ON old_urls (media_id) WHERE media_id IS NOT NULL;
