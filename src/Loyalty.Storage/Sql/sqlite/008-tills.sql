-- Enrolled tills for SQLite: each till its own key, kept only as a SHA-256 digest (hex), and the short-lived session
-- tokens a till's page exchanges its key for (digests too). Idempotent: applied on every start. Times as in 001.

CREATE TABLE IF NOT EXISTS loyalty_tills
(
    till_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    store_id    TEXT NOT NULL,
    key_digest  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NULL,
    PRIMARY KEY (till_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS loyalty_till_sessions
(
    token_digest  TEXT NOT NULL,
    till_id       TEXT NOT NULL REFERENCES loyalty_tills (till_id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    PRIMARY KEY (token_digest)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS loyalty_till_sessions_till ON loyalty_till_sessions (till_id, expires_at);

-- The till that made a ledger entry (NULL for configured keys and for the engine's own entries). SQLite has no
-- ADD COLUMN IF NOT EXISTS: the bootstrap runs this statement only while the column is missing.
ALTER TABLE loyalty_ledger ADD COLUMN till_id TEXT NULL;
