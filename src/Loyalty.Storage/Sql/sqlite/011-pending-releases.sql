-- Pending points for SQLite: the due-time table the per-node release scheduler reads. Idempotent: applied on every start.
-- See README, "Pending points".

-- One row per member with pending points: the first UTC day (as DateOnly.DayNumber, days since 0001-01-01) on which
-- some are released. Upserted in the same transaction as the ledger rows of a sale whose points went pending (the day
-- only moves earlier, the version is bumped); the scheduler claims due rows for a while (claimed_until, Unix
-- milliseconds), calls the member, then moves the row to the member's next release day or deletes it, only while
-- its version is the one it claimed. A row with nothing due is harmless: the member answers with its next day.
CREATE TABLE IF NOT EXISTS loyalty_pending_due
(
    member_id      TEXT     NOT NULL,
    due_day        INTEGER  NOT NULL,
    version        INTEGER  NOT NULL,
    claimed_until  INTEGER  NULL,
    PRIMARY KEY (member_id)
) WITHOUT ROWID;

-- The scheduler's search: the earliest due rows first, straight from the index however many members wait.
CREATE INDEX IF NOT EXISTS loyalty_pending_due_by_day ON loyalty_pending_due (due_day);
