-- Retention insights for SQLite: the read model the projector keeps from the ledger. Idempotent: applied on every start.
-- Money in cents; times in UTC as ISO 8601 text with 7 fraction digits (text order is time order); booleans 0/1.
-- See README, "Retention insights".

-- Members whose purchases or refunds changed since they were last projected. Inserted at a random version and
-- upserted (version + 1) in the same transaction as the ledger rows; the projector deletes a row only while its
-- version is the one it read.
CREATE TABLE IF NOT EXISTS loyalty_insights_dirty
(
    member_id             TEXT     NOT NULL,
    version               INTEGER  NOT NULL,
    PRIMARY KEY (member_id)
) WITHOUT ROWID;

-- One row per member with sales: their facts (JSON, enough to evaluate them again without the ledger) and the
-- evaluation of those facts at evaluated_at. "revision" guards every write: a writer holding an older one changes nothing.
CREATE TABLE IF NOT EXISTS loyalty_insights_member
(
    member_id             TEXT     NOT NULL,
    revision              INTEGER  NOT NULL,
    facts                 TEXT     NOT NULL,
    evaluated_at          TEXT     NOT NULL,
    first_order_at        TEXT     NULL,
    last_order_at         TEXT     NULL,
    lifetime_orders       INTEGER  NOT NULL,
    lifetime_spend_cents  INTEGER  NOT NULL,
    spend_12m_cents       INTEGER  NOT NULL,
    yearly_value_cents    INTEGER  NOT NULL,
    at_risk               INTEGER  NOT NULL,
    lapsed                INTEGER  NOT NULL,
    aov_falling           INTEGER  NOT NULL,
    category_dropped      INTEGER  NOT NULL,
    reasons               TEXT     NOT NULL,  -- JSON array of the risk reasons
    value_at_stake_cents  INTEGER  NOT NULL,
    lost_at               TEXT     NULL,
    segments              TEXT     NOT NULL,  -- the member's segments but "top", comma-separated ('' when none)
    PRIMARY KEY (member_id)
);  -- a rowid table: the facts make rows too wide for WITHOUT ROWID

-- At-risk lists, ordered by the value at stake, for all reasons and for each; each also serves its count and sum
-- (the flag is in the index too, so that SQLite reads the index alone).
CREATE INDEX IF NOT EXISTS loyalty_insights_member_at_risk_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id, at_risk) WHERE at_risk;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_lapsed_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id, lapsed) WHERE lapsed;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_aov_falling_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id, aov_falling) WHERE aov_falling;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_category_dropped_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id, category_dropped) WHERE category_dropped;
-- Top members by 12-month spend (and the "top" segment).
CREATE INDEX IF NOT EXISTS loyalty_insights_member_spend_ix
    ON loyalty_insights_member (spend_12m_cents DESC, member_id) WHERE spend_12m_cents > 0;
-- Lost members in a window, most recently lost first, with the yearly value their count and sum need.
CREATE INDEX IF NOT EXISTS loyalty_insights_member_lost_ix
    ON loyalty_insights_member (lost_at, member_id, yearly_value_cents) WHERE lost_at IS NOT NULL;
-- The daily sweep: the members evaluated longest ago.
CREATE INDEX IF NOT EXISTS loyalty_insights_member_evaluated_ix
    ON loyalty_insights_member (evaluated_at);
-- Segment membership, loaded by every node.
CREATE INDEX IF NOT EXISTS loyalty_insights_member_segments_ix
    ON loyalty_insights_member (member_id, segments) WHERE segments <> '';

-- Retention per calendar month (month = year * 12 + month - 1, UTC): members active that month, retained (active
-- that month and the one before) and new (first order that month). Kept by deltas with each member write.
CREATE TABLE IF NOT EXISTS loyalty_insights_month
(
    month                 INTEGER  NOT NULL,
    active                INTEGER  NOT NULL,
    retained              INTEGER  NOT NULL,
    new                   INTEGER  NOT NULL,
    PRIMARY KEY (month)
) WITHOUT ROWID;
