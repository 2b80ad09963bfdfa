// The calls the support page makes, with the support key.
import { callApi, memberPath } from "../shared/api.js";

export const LEDGER_PAGE = 20;

/** The calls, each with the key `key()` gives at the time of the call. */
export function supportApi(key) {
  const call = (path, options = {}) => callApi(path, { ...options, headers: { ...options.headers, "X-Api-Key": key() } });
  return {
    headers: () => ({ "X-Api-Key": key() }),
    account: (memberId) => call(memberPath(memberId)),
    /** A page of the ledger, newest first: `{ entries, nextBefore }`. */
    ledger: (memberId, before) =>
      call(`${memberPath(memberId)}/activity?limit=${LEDGER_PAGE}${before != null ? `&before=${encodeURIComponent(before)}` : ""}`),
    adjust: (memberId, body) => call(`${memberPath(memberId)}/adjustments`, { method: "POST", body }),
    voidRedemption: (memberId, body) => call(`${memberPath(memberId)}/voids`, { method: "POST", body }),
    /** Merges the source into the target: the merge's outcome (the target's balance after it). */
    merge: (targetId, body) => call(`${memberPath(targetId)}/merges`, { method: "POST", body }),
    /** The points liability report, as JSON. */
    liability: () => call("/api/reports/points-liability"),
    /** The same report as CSV text. */
    liabilityCsv: () => call("/api/reports/points-liability", { headers: { Accept: "text/csv, application/problem+json" }, text: true }),
  };
}
