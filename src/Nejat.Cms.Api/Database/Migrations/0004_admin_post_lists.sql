-- The admin post list: most recently changed first, per edition.
CREATE INDEX posts_edition_updated_idx ON posts (edition, updated_at DESC, id DESC);

-- Text filter of the admin post list (title contains …), served by trigrams instead of a scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX posts_title_trgm_idx ON posts USING gin (title gin_trgm_ops);
