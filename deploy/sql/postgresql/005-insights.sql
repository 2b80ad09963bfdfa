-- Retention insights: the read model the projector keeps from the ledger. Idempotent: safe to apply on every start.
-- Money in cents; times in UTC. See README, "Retention insights".

-- Members whose purchases or refunds changed since they were last projected. Inserted at a random version and
-- upserted (version + 1) in the same transaction as the ledger rows; the projector deletes a row only while its
-- version is the one it read.
CREATE TABLE IF NOT EXISTS loyalty_insights_dirty
(
    member_id  text   NOT NULL,
    version    bigint NOT NULL,
    CONSTRAINT loyalty_insights_dirty_pk PRIMARY KEY (member_id)
);

-- One row per member with sales: their facts (JSON, enough to evaluate them again without the ledger) and the
-- evaluation of those facts at evaluated_at. "revision" guards every write: a writer holding an older one changes nothing.
CREATE TABLE IF NOT EXISTS loyalty_insights_member
(
    member_id             text        NOT NULL,
    revision              bigint      NOT NULL,
    facts                 text        NOT NULL,
    evaluated_at          timestamptz NOT NULL,
    first_order_at        timestamptz NULL,
    last_order_at         timestamptz NULL,
    lifetime_orders       integer     NOT NULL,
    lifetime_spend_cents  bigint      NOT NULL,
    spend_12m_cents       bigint      NOT NULL,
    yearly_value_cents    bigint      NOT NULL,
    at_risk               boolean     NOT NULL,
    lapsed                boolean     NOT NULL,
    aov_falling           boolean     NOT NULL,
    category_dropped      boolean     NOT NULL,
    reasons               text        NOT NULL,  -- JSON array of the risk reasons
    value_at_stake_cents  bigint      NOT NULL,
    lost_at               timestamptz NULL,
    segments              text        NOT NULL,  -- the member's segments but "top", comma-separated ('' when none)
    CONSTRAINT loyalty_insights_member_pk PRIMARY KEY (member_id)
)
WITH (fillfactor = 90);

-- At-risk lists, ordered by the value at stake, for all reasons and for each; each also serves its count and sum.
CREATE INDEX IF NOT EXISTS loyalty_insights_member_at_risk_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id) WHERE at_risk;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_lapsed_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id) WHERE lapsed;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_aov_falling_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id) WHERE aov_falling;
CREATE INDEX IF NOT EXISTS loyalty_insights_member_category_dropped_ix
    ON loyalty_insights_member (value_at_stake_cents DESC, member_id) WHERE category_dropped;
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
    month     integer NOT NULL,
    active    bigint  NOT NULL,
    retained  bigint  NOT NULL,
    new       bigint  NOT NULL,
    CONSTRAINT loyalty_insights_month_pk PRIMARY KEY (month)
);
