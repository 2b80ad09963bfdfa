-- Member identifiers for SQLite: who owns which e-mail address, phone number and card number. Idempotent: applied on
-- every start. Times in UTC as ISO 8601 text with 7 fraction digits. See README, "Member identifiers and lookup".

-- Each identifier, in its normal form (e-mail lower-case, phone in E.164, card 16 digits), belongs to at most one
-- member: the primary key decides races (a claim is INSERT ... ON CONFLICT DO NOTHING, then a read).
CREATE TABLE IF NOT EXISTS loyalty_member_identifiers
(
    kind       TEXT  NOT NULL,  -- 'email', 'phone' or 'card'
    value      TEXT  NOT NULL,
    member_id  TEXT  NOT NULL,
    bound_at   TEXT  NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;

-- A member's identifiers (their account, a changed e-mail, an erasure).
CREATE INDEX IF NOT EXISTS loyalty_member_identifiers_member_ix ON loyalty_member_identifiers (member_id);
