-- The audit logs of the catalogues (clubs, promotions) for PostgreSQL: one row per change, never updated. A catalogue
-- grain copies each entry from the outbox in its stored state after the change is stored; an entry sent twice is
-- kept once. Read newest first by sequence, and by subject for a promotion that left the catalogue. Idempotent:
-- safe to apply again on every start. See README, "Clubs and promotions".

CREATE TABLE IF NOT EXISTS loyalty_catalogue_audit
(
    catalogue   text        NOT NULL,  -- 'clubs' or 'promotions'
    sequence    bigint      NOT NULL,  -- 1, 2, ... in each catalogue
    at          timestamptz NOT NULL,
    by_whom     text        NOT NULL,
    action      text        NOT NULL,  -- 'created', 'updated' (clubs), 'ended' (promotions)
    subject_id  text        NOT NULL,  -- the club's or the promotion's id
    subject     text        NOT NULL,  -- the club or the promotion as it became, JSON text
    CONSTRAINT loyalty_catalogue_audit_pk PRIMARY KEY (catalogue, sequence)
);

CREATE INDEX IF NOT EXISTS loyalty_catalogue_audit_subject ON loyalty_catalogue_audit (catalogue, subject_id, sequence);
