-- Search's page newest first without reading every match. Title matches come from their own GIN
-- index (few titles have any one word); when a word is in most of an edition's posts, the other
-- matches come from walking the recency index with the match as a filter, which fills a page after
-- a few dozen rows.
CREATE INDEX post_search_title_idx ON post_search USING gin (search_title) WHERE status = 'published';
CREATE INDEX post_search_recency_idx ON post_search (edition, published_at DESC, post_id DESC) WHERE status = 'published';
