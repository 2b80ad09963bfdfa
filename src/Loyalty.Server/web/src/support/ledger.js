// The ledger as customer service reads it: each entry's kind in words, who made it, an adjustment's reason, which
// redemptions may still be voided, and the pages read so far put together. Pure: no DOM, no calls.
import { kindLabel } from "../shared/render.js";

/** The reasons an adjustment may give, in the engine's words and in the page's. */
export const REASONS = [
  { value: "goodwill", label: "Goodwill" },
  { value: "missed-purchase", label: "Missed purchase" },
  { value: "correction", label: "Correction" },
  { value: "fraud", label: "Fraud" },
];

const REASON_LABELS = new Map(REASONS.map((r) => [r.value, r.label]));

/** A reason in words; an unknown one as it is. */
export const reasonLabel = (reason) => REASON_LABELS.get(reason) ?? reason;

const VOIDABLE = new Set(["redemption", "reward-redeemed"]);

/** Who made the entry: an adjustment's `by` (the key's name or the till's id), else the enrolled till; or null. */
export function entryAuthor(entry) {
  const by = entry?.details?.by;
  if (typeof by === "string" && by) return by;
  return entry?.tillId || null;
}

/** "Goodwill: cold coffee": an adjustment's reason and note; "" for other entries. */
export function adjustmentText(entry) {
  if (entry?.kind !== "adjustment") return "";
  const reason = entry.details?.reason ? reasonLabel(entry.details.reason) : "";
  const note = entry.details?.note ?? "";
  return [reason, note].filter(Boolean).join(": ");
}

/** The title of an entry: its kind in words. */
export const entryTitle = (entry) => kindLabel(entry.kind);

/** The transaction ids of the redemptions that the given entries show voided. */
export function voidedRedemptions(entries) {
  const voided = new Set();
  for (const entry of entries ?? [])
    if (entry.kind === "redemption-voided" && entry.details?.originalTransactionId) voided.add(entry.details.originalTransactionId);
  return voided;
}

/**
 * What a redemption entry offers: "void" (a button), "voided" (its void is among the entries), or null for an entry
 * that is not a redemption. The engine refuses a void it cannot make (too old, already voided, a reward expired).
 */
export function voidState(entry, voided) {
  if (!VOIDABLE.has(entry.kind) || !entry.transactionId) return null;
  return voided.has(entry.transactionId) ? "voided" : "void";
}

/**
 * The entries of several reads put together, newest first, each once: the newest page (read again after every
 * change) with the entries already shown (older pages read with "Show older", and earlier reads of the newest page),
 * so that no entry drops out between them however many came since. For the same entry, the first list given wins.
 */
export function joinPages(...lists) {
  const bySequence = new Map();
  for (const list of lists)
    for (const entry of list ?? [])
      if (!bySequence.has(entry.sequence)) bySequence.set(entry.sequence, entry);
  return [...bySequence.values()].sort((a, b) => b.sequence - a.sequence);
}

/** The rows of the account's expiry and pending points: the next points to expire, then each pending release. */
export function expiryRows(account) {
  const rows = [];
  const next = account?.pointsExpiringNext;
  if (next && next.points > 0) rows.push({ kind: "expiring", points: next.points, on: next.on });
  for (const release of account?.pendingReleases ?? [])
    if (release.points > 0) rows.push({ kind: "pending", points: release.points, on: release.on });
  return rows;
}
