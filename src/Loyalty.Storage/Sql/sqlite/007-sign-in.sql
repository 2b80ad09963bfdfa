-- Member sign-in for SQLite: one-time codes, refresh tokens and the key that signs member tokens. Idempotent: applied
-- on every start. Times in UTC as ISO 8601 text with 7 fraction digits (text order is time order). See README,
-- "How members sign in".

-- The live code of each identifier, under the identifier's SHA-256 (no address or number is kept), as an
-- HMAC-SHA256 of the code with a salt of its own. A new request replaces the code; window_started_at and
-- requests_in_window count the requests of the current window (the per-identifier limit, shared by every node).
-- code_digest '' marks a used code.
CREATE TABLE IF NOT EXISTS loyalty_sign_in_code
(
    identifier_digest   TEXT     NOT NULL,
    code_digest         TEXT     NOT NULL,
    salt                TEXT     NOT NULL,
    expires_at          TEXT     NOT NULL,
    wrong_tries         INTEGER  NOT NULL,
    window_started_at   TEXT     NOT NULL,
    requests_in_window  INTEGER  NOT NULL,
    PRIMARY KEY (identifier_digest)
) WITHOUT ROWID;

-- One row per sign-in: its member, and when it was revoked (signed out, or a spent refresh token was reused).
CREATE TABLE IF NOT EXISTS loyalty_refresh_family
(
    family_id           TEXT     NOT NULL,
    member_id           TEXT     NOT NULL,
    created_at          TEXT     NOT NULL,
    revoked_at          TEXT     NULL,
    PRIMARY KEY (family_id)
) WITHOUT ROWID;

-- Refresh tokens by their SHA-256; spent_at is set once, by a conditional update, when the token is exchanged.
CREATE TABLE IF NOT EXISTS loyalty_refresh_token
(
    token_digest        TEXT     NOT NULL,
    family_id           TEXT     NOT NULL,
    expires_at          TEXT     NOT NULL,
    spent_at            TEXT     NULL,
    PRIMARY KEY (token_digest)
) WITHOUT ROWID;

-- The key that signs member tokens when none is configured: created by the first node to start, read by all.
CREATE TABLE IF NOT EXISTS loyalty_signing_key
(
    key_id              TEXT     NOT NULL,
    secret              TEXT     NOT NULL,
    created_at          TEXT     NOT NULL,
    PRIMARY KEY (key_id)
) WITHOUT ROWID;
