-- The audit logs of the catalogues (clubs, promotions) for SQLite: one row per change, never updated. A catalogue
-- grain copies each entry from the outbox in its stored state after the change is stored; an entry sent twice is
-- kept once. Read newest first by sequence, and by subject for a promotion that left the catalogue. Idempotent:
-- applied on every start. Times as in 001. See README, "Clubs and promotions".

CREATE TABLE IF NOT EXISTS loyalty_catalogue_audit
(
    catalogue   TEXT     NOT NULL,  -- 'clubs' or 'promotions'
    sequence    INTEGER  NOT NULL,  -- 1, 2, ... in each catalogue
    at          TEXT     NOT NULL,
    by_whom     TEXT     NOT NULL,
    action      TEXT     NOT NULL,  -- 'created', 'updated' (clubs), 'ended' (promotions)
    subject_id  TEXT     NOT NULL,  -- the club's or the promotion's id
    subject     TEXT     NOT NULL,  -- the club or the promotion as it became, JSON
    PRIMARY KEY (catalogue, sequence)
);  -- a rowid table: the JSON makes rows too wide for WITHOUT ROWID

CREATE INDEX IF NOT EXISTS loyalty_catalogue_audit_subject ON loyalty_catalogue_audit (catalogue, subject_id, sequence);
