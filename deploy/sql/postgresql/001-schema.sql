-- Loyalty engine schema for PostgreSQL. Idempotent: safe to apply again on every start.

-- Orleans grain state, one row per state name and grain key, written through the ADO.NET grain storage
-- provider with the queries in 002-grain-storage-queries.sql. "version" is the optimistic concurrency token.
CREATE TABLE IF NOT EXISTS loyalty_grain_state
(
    service_id   text        NOT NULL,
    state_name   text        NOT NULL,
    grain_id_n0  bigint      NOT NULL,
    grain_id_n1  bigint      NOT NULL,
    grain_key    text        NOT NULL,  -- string key, or the key extension of a numeric key ('' when none)
    payload      bytea       NULL,      -- Orleans binary serializer; NULL after a clear
    version      integer     NOT NULL,
    modified_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_grain_state_pk PRIMARY KEY (service_id, state_name, grain_key, grain_id_n0, grain_id_n1)
)
WITH (fillfactor = 80);  -- room for in-page (HOT) updates: state rows are rewritten on every change

-- The members' ledger: each entry once, keyed by member and gapless sequence.
-- The primary key serves "newest first for a member" as a backward index scan.
CREATE TABLE IF NOT EXISTS loyalty_ledger
(
    member_id       text        NOT NULL,
    sequence        bigint      NOT NULL,
    kind            text        NOT NULL,
    at              timestamptz NOT NULL,
    transaction_id  text        NULL,
    store_id        text        NULL,
    points          bigint      NOT NULL,
    balance         bigint      NOT NULL,
    amount_cents    bigint      NULL,      -- money in minor units (cents): exact and summable
    description     text        NOT NULL,
    details         text        NULL,      -- JSON text, kept as written (cast to jsonb to query it)
    CONSTRAINT loyalty_ledger_pk PRIMARY KEY (member_id, sequence)
);
