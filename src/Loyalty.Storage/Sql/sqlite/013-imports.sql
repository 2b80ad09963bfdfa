-- Imports for SQLite: the status of each import, so that any node (or the same one after a restart) answers
-- GET /api/imports/{importId}. Idempotent: applied on every start. See README, "Imports".

-- errors: a JSON array of the first rejected lines ([{"line":3,"field":"email","message":"..."}]), at most
-- Loyalty:Import:MaxReportedErrors of them; rejected counts them all. updated_at moves on while the import runs: one
-- left running without moving on for a while was interrupted (its node stopped).
CREATE TABLE IF NOT EXISTS loyalty_imports
(
    import_id     TEXT     NOT NULL,
    kind          TEXT     NOT NULL,
    dry_run       INTEGER  NOT NULL,
    award_points  INTEGER  NOT NULL,
    state         TEXT     NOT NULL,
    lines_read    INTEGER  NOT NULL,
    accepted      INTEGER  NOT NULL,
    skipped       INTEGER  NOT NULL,
    rejected      INTEGER  NOT NULL,
    errors        TEXT     NOT NULL,
    message       TEXT     NULL,
    started_at    TEXT     NOT NULL,
    updated_at    TEXT     NOT NULL,
    PRIMARY KEY (import_id)
) WITHOUT ROWID;
