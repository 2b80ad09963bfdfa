-- Loyalty engine schema for SQLite. Idempotent: applied on every start.

-- Write-ahead logging: readers never block the writer. The mode is kept in the database file.
PRAGMA journal_mode = WAL;

-- Orleans grain state, one row per state name and grain key, written through the ADO.NET grain storage
-- provider with the queries in 002-grain-storage-queries.sql. "version" is the optimistic concurrency token.
CREATE TABLE IF NOT EXISTS loyalty_grain_state
(
    service_id   TEXT    NOT NULL,
    state_name   TEXT    NOT NULL,
    grain_key    TEXT    NOT NULL,  -- string key, or the key extension of a numeric key ('' when none)
    grain_id_n0  INTEGER NOT NULL,
    grain_id_n1  INTEGER NOT NULL,
    payload      BLOB    NULL,      -- Orleans binary serializer; NULL after a clear
    version      INTEGER NOT NULL,
    modified_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, state_name, grain_key, grain_id_n0, grain_id_n1)
) WITHOUT ROWID;

-- The members' ledger: each entry once, keyed by member and gapless sequence.
-- Clustered on the primary key, so "newest first for a member" is a backward scan of one key range.
CREATE TABLE IF NOT EXISTS loyalty_ledger
(
    member_id       TEXT    NOT NULL,
    sequence        INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    at              TEXT    NOT NULL,  -- UTC, ISO 8601 with 7 fraction digits: sorts as it reads
    transaction_id  TEXT    NULL,
    store_id        TEXT    NULL,
    points          INTEGER NOT NULL,
    balance         INTEGER NOT NULL,
    amount_cents    INTEGER NULL,      -- money in minor units (cents): exact and summable
    description     TEXT    NOT NULL,
    details         TEXT    NULL,      -- JSON text, kept as written
    PRIMARY KEY (member_id, sequence)
) WITHOUT ROWID;
