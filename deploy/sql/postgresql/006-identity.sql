-- Member identifiers: who owns which e-mail address, phone number and card number. Idempotent: safe to apply on every
-- start. See README, "Member identifiers and lookup".

-- Each identifier, in its normal form (e-mail lower-case, phone in E.164, card 16 digits), belongs to at most one
-- member: the primary key decides races between nodes (a claim is INSERT ... ON CONFLICT DO NOTHING, then a read).
CREATE TABLE IF NOT EXISTS loyalty_member_identifiers
(
    kind       text        NOT NULL,  -- 'email', 'phone' or 'card'
    value      text        NOT NULL,
    member_id  text        NOT NULL,
    bound_at   timestamptz NOT NULL,
    CONSTRAINT loyalty_member_identifiers_pk PRIMARY KEY (kind, value)
);

-- A member's identifiers (their account, a changed e-mail, an erasure).
CREATE INDEX IF NOT EXISTS loyalty_member_identifiers_member_ix ON loyalty_member_identifiers (member_id);
