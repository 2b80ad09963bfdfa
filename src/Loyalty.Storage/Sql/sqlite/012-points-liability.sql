-- Points liability for SQLite: the counters the liability report reads, fed from the ledger by the liability
-- projector. Idempotent: applied on every start. See README, "Points liability".

-- How each entry changed the member's liability (JSON: {"spendable":{"2027-03-31":120},"pending":{...},"debt":-20});
-- NULL for entries that changed none, and for entries written before the counters existed.
ALTER TABLE loyalty_ledger ADD COLUMN liability TEXT NULL;

-- Per member: the last sequence written with a liability change, and the last one added to the counters. Upserted in
-- the same transaction as the ledger rows; the projector moves projected_sequence on in the same transaction as the
-- counters, and only from the value it read, so every change is counted once.
CREATE TABLE IF NOT EXISTS loyalty_liability_members
(
    member_id           TEXT     NOT NULL,
    written_sequence    INTEGER  NOT NULL,
    projected_sequence  INTEGER  NOT NULL,
    PRIMARY KEY (member_id)
) WITHOUT ROWID;

-- The members the projector has yet to count: few, however many members there are.
CREATE INDEX IF NOT EXISTS loyalty_liability_members_due_ix
    ON loyalty_liability_members (member_id) WHERE written_sequence > projected_sequence;

-- The counters: points per kind (spendable, pending, debt) and expiry day (yyyy-MM-dd; '' for debt), summed over
-- every member. A few thousand rows at most: the report reads them all.
CREATE TABLE IF NOT EXISTS loyalty_liability
(
    kind        TEXT     NOT NULL,
    expires_on  TEXT     NOT NULL,
    points      INTEGER  NOT NULL,
    PRIMARY KEY (kind, expires_on)
) WITHOUT ROWID;
