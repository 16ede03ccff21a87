-- The recency index carries each post's title vector. A search for a word in most of an edition's
-- posts looks for title matches among its newest posts first (SearchQueries, recent_title_hits):
-- read from the index alone, 400 titles take 11 pages; read from the rows, they took 351 (0.41 ms
-- against 0.12 on 100,000 posts).
DROP INDEX post_search_recency_idx;
CREATE INDEX post_search_recency_idx ON post_search (edition, published_at DESC, post_id DESC)
    INCLUDE (search_title) WHERE status = 'published';

-- An index-only scan reads a row only where the visibility map does not say its page is visible to
-- all, and the newest posts' pages are the ones written last. By default autovacuum comes after a
-- fifth of the table has changed (20,000 rows of 100,000 posts: months of a publisher's writing);
-- after every 200 changed rows it keeps the newest pages visible and the search indexes' pending
-- entries merged, and it visits only the pages that changed.
ALTER TABLE post_search SET (
    autovacuum_vacuum_threshold = 200, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 200, autovacuum_vacuum_insert_scale_factor = 0);
