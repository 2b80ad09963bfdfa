// The support page's pure helpers (src/Loyalty.Server/web/src/support/): the ledger in words (who, why, which
// redemptions may be voided, pages joined), the transaction id kept for a retry of the same action, and the key.
// Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../../src/Loyalty.Server/web/src/shared/api.js";
import {
  adjustmentText, entryAuthor, entryTitle, expiryRows, joinPages, reasonLabel, REASONS, voidedRedemptions, voidState,
} from "../../src/Loyalty.Server/web/src/support/ledger.js";
import { liabilityRows, monthLabel } from "../../src/Loyalty.Server/web/src/support/liability.js";
import { mergeSide } from "../../src/Loyalty.Server/web/src/support/merge-view.js";
import { RetryableAction, runOnce } from "../../src/Loyalty.Server/web/src/support/retry.js";
import { KEY_STORAGE, refusalMessage, refusesKey, SupportKey } from "../../src/Loyalty.Server/web/src/support/support-key.js";

const entry = (sequence, kind, more = {}) => ({ sequence, kind, at: "2026-11-20T10:15:00Z", points: 0, ...more });

test("the reasons are the engine's four, each in words", () => {
  assert.deepEqual(REASONS.map((r) => r.value), ["goodwill", "missed-purchase", "correction", "fraud"]);
  assert.equal(reasonLabel("missed-purchase"), "Missed purchase");
  assert.equal(reasonLabel("something-new"), "something-new");
});

test("each entry's kind is in words", () => {
  assert.equal(entryTitle(entry(1, "adjustment")), "Points corrected");
  assert.equal(entryTitle(entry(2, "redemption-voided")), "Redemption undone");
  assert.equal(entryTitle(entry(3, "reward-redeemed")), "Reward used");
  assert.equal(entryTitle(entry(4, "merged-in")), "Another account merged in");
  assert.equal(entryTitle(entry(5, "some-future-kind")), "some-future-kind");
});

test("who made an entry: an adjustment's key name, else the enrolled till, else nobody", () => {
  assert.equal(entryAuthor(entry(1, "adjustment", { details: { reason: "goodwill", by: "Front desk" } })), "Front desk");
  assert.equal(entryAuthor(entry(2, "purchase", { tillId: "till-0123456789abcdef" })), "till-0123456789abcdef");
  assert.equal(entryAuthor(entry(3, "adjustment", { details: { by: "" }, tillId: "till-1" })), "till-1");
  assert.equal(entryAuthor(entry(4, "points-expired")), null);
});

test("an adjustment shows its reason and note; other entries nothing of the kind", () => {
  assert.equal(adjustmentText(entry(1, "adjustment", { details: { reason: "goodwill", note: "cold coffee" } })), "Goodwill: cold coffee");
  assert.equal(adjustmentText(entry(2, "adjustment", { details: { reason: "fraud" } })), "Fraud");
  assert.equal(adjustmentText(entry(3, "purchase", { details: { reason: "goodwill" } })), "");
});

test("a redemption may be voided until the ledger shows its void", () => {
  const entries = [
    entry(5, "redemption-voided", { transactionId: "V-1", details: { originalTransactionId: "R-1" } }),
    entry(4, "reward-redeemed", { transactionId: "R-2" }),
    entry(3, "redemption", { transactionId: "R-1" }),
    entry(2, "purchase", { transactionId: "T-1" }),
  ];
  const voided = voidedRedemptions(entries);
  assert.deepEqual([...voided], ["R-1"]);
  assert.deepEqual(entries.map((e) => voidState(e, voided)), [null, "void", "voided", null]);
  assert.equal(voidState(entry(6, "redemption"), voided), null); // no transaction id to name
});

test("pages of the ledger join newest first, each entry once, the first list winning", () => {
  const shown = [entry(12, "purchase"), entry(11, "purchase"), entry(10, "purchase"), entry(1, "enrolled")];
  const newest = [entry(14, "adjustment"), entry(13, "purchase"), entry(12, "purchase", { description: "again" })];
  const joined = joinPages(newest, shown);
  assert.deepEqual(joined.map((e) => e.sequence), [14, 13, 12, 11, 10, 1]);
  assert.equal(joined[2].description, "again");
  assert.deepEqual(joinPages([], undefined), []);
});

test("the expiry rows: the next points to expire, then each pending release", () => {
  assert.deepEqual(expiryRows({ pointsExpiringNext: { points: 120, on: "2027-01-31" }, pendingReleases: [{ points: 6, on: "2026-12-01" }] }),
    [{ kind: "expiring", points: 120, on: "2027-01-31" }, { kind: "pending", points: 6, on: "2026-12-01" }]);
  assert.deepEqual(expiryRows({ pointsExpiringNext: { points: 0, on: "2027-01-31" } }), []);
  assert.deepEqual(expiryRows({}), []);
});

test("a merge's confirmation names each side, its id, balance and tier", () => {
  assert.deepEqual(mergeSide({ memberId: "M-2", name: "Ada", points: 1240, tier: "Silver" }, "Merge"),
    [["Merge", "Ada"], ["Member id", "M-2"], ["Balance", "1,240 points"], ["Tier", "Silver"]]);
});

test("the points liability as rows: each month, then the total, in points and in the report's currency", () => {
  const report = {
    currency: "EUR", pointValue: 0.01,
    months: [{ month: "2027-01", outstanding: { points: 1200, value: 12 }, pending: { points: 30, value: 0.3 } }],
    outstanding: { points: 1200, value: 12 }, pending: { points: 30, value: 0.3 }, debt: { points: 0, value: 0 },
  };
  assert.equal(monthLabel("2027-01"), "Jan 2027");
  assert.deepEqual(liabilityRows(report), [
    ["Jan 2027", "1,200", "€12.00", "30", "€0.30"],
    ["Total", "1,200", "€12.00", "30", "€0.30"],
  ]);
  assert.deepEqual(liabilityRows({ currency: "EUR", months: [] }), [["Total", "0", "€0.00", "0", "€0.00"]]);
});

/** An action whose ids are numbered, so that a test can tell a kept id from a new one. */
function numbered() {
  let n = 0;
  return new RetryableAction(() => `tx-${++n}`);
}

test("the same action retried after an outage keeps its transaction id", async () => {
  const retry = numbered();
  const sent = [];
  const outage = new ApiError(503, { title: "Service unavailable" });
  const action = { memberId: "M-1", points: 50, reason: "goodwill" };
  await assert.rejects(runOnce(retry, action, async (id) => { sent.push(id); throw outage; }));
  assert.equal(retry.pending, true);
  await assert.rejects(runOnce(retry, { ...action }, async (id) => { sent.push(id); throw new ApiError(0, {}); }));
  const answer = await runOnce(retry, action, async (id) => { sent.push(id); return { ok: id }; });
  assert.deepEqual(sent, ["tx-1", "tx-1", "tx-1"]);
  assert.deepEqual(answer, { ok: "tx-1" });
  assert.equal(retry.pending, false);
  assert.equal(retry.idFor(action), "tx-2"); // done: the next action is a new one
});

test("another action, a refusal or a success starts a fresh transaction id", async () => {
  const retry = numbered();
  const outage = new ApiError(504, {});
  await assert.rejects(runOnce(retry, { points: 50 }, async () => { throw outage; }));
  assert.equal(retry.idFor({ points: 60 }), "tx-2"); // changed before the retry
  await assert.rejects(runOnce(retry, { points: 60 }, async () => { throw new ApiError(409, { title: "Not enough points" }); }));
  assert.equal(retry.pending, false);
  assert.equal(retry.idFor({ points: 60 }), "tx-3");
  retry.forget();
  assert.equal(retry.idFor({ points: 60 }), "tx-4");
});

function memoryStorage() {
  const items = new Map();
  return { items, getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), removeItem: (k) => items.delete(k) };
}

test("the support key: the typed one is kept, blank forgets it, the default serves until then", () => {
  const storage = memoryStorage();
  const key = new SupportKey({ storage, defaultKey: "dev-support-key" });
  assert.equal(key.value, "dev-support-key");
  assert.equal(key.isStored, false);
  key.use("  sup-secret-key ");
  assert.equal(storage.items.get(KEY_STORAGE), "sup-secret-key");
  assert.equal(key.value, "sup-secret-key");
  assert.equal(key.describe(), "key sup-\u2026");
  key.use("");
  assert.equal(key.value, "dev-support-key");
  assert.equal(new SupportKey({ storage }).describe(), "no key");
});

test("a refused key is told apart from other refusals and reported from the problem details", () => {
  const unknown = new ApiError(401, { title: "Unauthorized", detail: "Send a valid 'X-Api-Key' header, or a member's bearer token." });
  assert.equal(refusesKey(unknown), true);
  assert.equal(refusesKey(new ApiError(403, { title: "Forbidden" })), true);
  assert.equal(refusesKey(new ApiError(409, { title: "Not enough points" })), false);
  assert.equal(refusesKey(new Error("boom")), false);
  assert.equal(refusalMessage(unknown),
    "The support key was not accepted. Unauthorized: Send a valid 'X-Api-Key' header, or a member's bearer token.");
});
