-- People sign in with an email and a password; programs keep using API keys. An account has the
-- same role and edition scope as a key. It has no password until its invitation is accepted.
CREATE TABLE accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role            text NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'previewer')),
    -- The editions the person may touch; NULL means all of them.
    editions        text[],
    -- ASP.NET Core Identity's PasswordHasher format (PBKDF2, versioned); NULL until an invitation is accepted.
    password_hash   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    last_sign_in_at timestamptz,
    disabled        boolean NOT NULL DEFAULT false
);

-- One account per address, however it is capitalised; also the sign-in lookup.
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

-- A signed-in browser. Only the SHA-256 of the cookie's random token is stored, so a copy of the
-- database signs nobody in. Sessions slide: they end after a time idle (last_seen_at) and at the latest
-- a fixed time after created_at (the service's rules, Features/Accounts/SessionRules.cs).
CREATE TABLE sessions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id     bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash     bytea NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    client_address text,
    user_agent     text
);

-- Sign-out everywhere and disabling an account end all of a person's sessions.
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- A one-time link that lets a person set their password (and so sign in the first time). Only its
-- hash is stored; it expires, works once, and a new one for the same account replaces it. With no
-- account it is the first admin's, printed at start-up while no account exists: whoever opens it
-- gives the email and name, and it works only while there is still no account.
CREATE TABLE invitations (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL CONSTRAINT invitations_token_hash_key UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX invitations_account_idx ON invitations (account_id);

-- Failed sign-ins, for the lockout: counted per email (known or not, so a lockout says nothing about
-- which addresses have accounts) and per client address over a recent window; older rows are removed.
CREATE TABLE sign_in_failures (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    email          text NOT NULL,
    client_address text NOT NULL
);

CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at DESC);
CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (client_address, at DESC);
CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (at);

-- The audit names the person: writes made through a session carry the account (key_name holds the
-- person's display name then). No foreign key: an account may be deleted, its entries stay.
ALTER TABLE audit_log ADD COLUMN account_id bigint;

-- Authors change only their own drafts and uploads: what a person made is theirs, as what a key made is the key's.
ALTER TABLE posts ADD COLUMN created_by_account bigint REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE media ADD COLUMN created_by_account bigint REFERENCES accounts (id) ON DELETE SET NULL;
