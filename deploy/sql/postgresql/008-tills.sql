-- Enrolled tills for PostgreSQL: each till its own key, kept only as a SHA-256 digest (hex), and the short-lived
-- session tokens a till's page exchanges its key for (digests too). Idempotent: safe to apply again on every start.

CREATE TABLE IF NOT EXISTS loyalty_tills
(
    till_id     text        NOT NULL,
    name        text        NOT NULL,
    store_id    text        NOT NULL,
    key_digest  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL,
    CONSTRAINT loyalty_tills_pk PRIMARY KEY (till_id),
    CONSTRAINT loyalty_tills_key_digest_uq UNIQUE (key_digest)
);

CREATE TABLE IF NOT EXISTS loyalty_till_sessions
(
    token_digest  text        NOT NULL,
    till_id       text        NOT NULL REFERENCES loyalty_tills (till_id),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT loyalty_till_sessions_pk PRIMARY KEY (token_digest)
);

CREATE INDEX IF NOT EXISTS loyalty_till_sessions_till ON loyalty_till_sessions (till_id, expires_at);

-- The till that made a ledger entry (NULL for configured keys and for the engine's own entries).
ALTER TABLE loyalty_ledger ADD COLUMN IF NOT EXISTS till_id text NULL;
