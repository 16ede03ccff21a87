-- API keys for the admin API. Only a SHA-256 hash of each key is stored; the key itself is shown once.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role         text NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'previewer')),
    -- The editions the key may touch; NULL means all of them.
    editions     text[],
    -- The key's first characters, to tell keys apart in lists without revealing them.
    prefix       text NOT NULL,
    secret_hash  bytea NOT NULL CONSTRAINT api_keys_secret_hash_key UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- The admin-key check behind Cms__BootstrapAdminKey and the key list.
CREATE INDEX api_keys_active_idx ON api_keys (role, id) WHERE revoked_at IS NULL;

-- Every write through the admin API: who, what, when, and the request that did it.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    key_id     bigint REFERENCES api_keys (id),
    key_name   text NOT NULL,
    action     text NOT NULL,
    resource   text NOT NULL,
    request_id text
);

CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
