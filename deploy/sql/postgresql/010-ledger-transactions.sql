-- Indexes of the ledger's till transactions for PostgreSQL (entries without a transaction id, such as club joins and
-- leaves or expiries, are left out of both). Idempotent: safe to apply again on every start.

-- A member's transactions by time: their ids, kinds and times, for the transaction window a member's activation reads,
-- straight from the index (and only these rows, however many other entries the member has).
CREATE INDEX IF NOT EXISTS loyalty_ledger_transactions_by_time
    ON loyalty_ledger (member_id, at, kind, transaction_id) WHERE transaction_id IS NOT NULL;

-- One transaction of a member by its id: a replay or a refund of an older transaction reads its entries back.
CREATE INDEX IF NOT EXISTS loyalty_ledger_transactions_by_id
    ON loyalty_ledger (member_id, transaction_id) WHERE transaction_id IS NOT NULL;
