-- Indexes for the exports for SQLite. Idempotent: applied on every start. See README, "Your members' data (GDPR)".

-- The ledger of every member by time, for the ledger export of a date range (GET /api/exports/ledger), read a page at
-- a time in this order.
CREATE INDEX IF NOT EXISTS loyalty_ledger_by_time ON loyalty_ledger (at, member_id, sequence);

-- A member's sign-ins, for their copy of their data (GET /api/members/{memberId}/export).
CREATE INDEX IF NOT EXISTS loyalty_refresh_family_member_ix ON loyalty_refresh_family (member_id);
