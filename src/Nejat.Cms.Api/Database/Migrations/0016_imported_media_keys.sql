-- The JSON Lines import's media keys: a media line's key names the media item it made, so importing
-- the file again finds that item (no twin), and posts of later files can feature it by the same key.
-- Deleting the item forgets its key; the next import makes it anew.
CREATE TABLE imported_media (
    key      text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    media_id bigint NOT NULL UNIQUE REFERENCES media (id) ON DELETE CASCADE
);
