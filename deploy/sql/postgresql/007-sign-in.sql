-- Member sign-in: one-time codes, refresh tokens and the key that signs member tokens. Idempotent: safe to apply on
-- every start. Times in UTC. See README, "How members sign in".

-- The live code of each identifier, under the identifier's SHA-256 (no address or number is kept), as an
-- HMAC-SHA256 of the code with a salt of its own. A new request replaces the code; window_started_at and
-- requests_in_window count the requests of the current window (the per-identifier limit, shared by every node).
-- code_digest '' marks a used code.
CREATE TABLE IF NOT EXISTS loyalty_sign_in_code
(
    identifier_digest   text        NOT NULL,
    code_digest         text        NOT NULL,
    salt                text        NOT NULL,
    expires_at          timestamptz NOT NULL,
    wrong_tries         integer     NOT NULL,
    window_started_at   timestamptz NOT NULL,
    requests_in_window  integer     NOT NULL,
    CONSTRAINT loyalty_sign_in_code_pk PRIMARY KEY (identifier_digest)
);

-- One row per sign-in: its member, and when it was revoked (signed out, or a spent refresh token was reused).
CREATE TABLE IF NOT EXISTS loyalty_refresh_family
(
    family_id           text        NOT NULL,
    member_id           text        NOT NULL,
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz NULL,
    CONSTRAINT loyalty_refresh_family_pk PRIMARY KEY (family_id)
);

-- Refresh tokens by their SHA-256; spent_at is set once, by a conditional update, when the token is exchanged.
CREATE TABLE IF NOT EXISTS loyalty_refresh_token
(
    token_digest        text        NOT NULL,
    family_id           text        NOT NULL,
    expires_at          timestamptz NOT NULL,
    spent_at            timestamptz NULL,
    CONSTRAINT loyalty_refresh_token_pk PRIMARY KEY (token_digest)
);

-- The key that signs member tokens when none is configured: created by the first node to start, read by all.
CREATE TABLE IF NOT EXISTS loyalty_signing_key
(
    key_id              text        NOT NULL,
    secret              text        NOT NULL,
    created_at          timestamptz NOT NULL,
    CONSTRAINT loyalty_signing_key_pk PRIMARY KEY (key_id)
);
