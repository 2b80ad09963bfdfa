-- Imports for PostgreSQL: the status of each import, so that any node (or the same one after a restart) answers
-- GET /api/imports/{importId}. Idempotent: safe to apply again on every start. See README, "Imports".

-- errors: a JSON array of the first rejected lines ([{"line":3,"field":"email","message":"..."}]), at most
-- Loyalty:Import:MaxReportedErrors of them; rejected counts them all. updated_at moves on while the import runs: one
-- left running without moving on for a while was interrupted (its node stopped).
CREATE TABLE IF NOT EXISTS loyalty_imports
(
    import_id     text        NOT NULL,
    kind          text        NOT NULL,
    dry_run       boolean     NOT NULL,
    award_points  boolean     NOT NULL,
    state         text        NOT NULL,
    lines_read    bigint      NOT NULL,
    accepted      bigint      NOT NULL,
    skipped       bigint      NOT NULL,
    rejected      bigint      NOT NULL,
    errors        text        NOT NULL,
    message       text        NULL,
    started_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT loyalty_imports_pk PRIMARY KEY (import_id)
);
