// The confirmation of a merge: both members side by side (name, id, balance, tier), the one that goes first.
import { points } from "../shared/format.js";
import { el } from "../shared/render.js";

/** The rows that describe one side of a merge. Pure. */
export function mergeSide(account, role) {
  return [
    [role, account.name],
    ["Member id", account.memberId],
    ["Balance", `${points(account.points)} points`],
    ["Tier", account.tier],
  ];
}

/** Fills a <dl> with a side's rows. */
export function showSide(list, account, role) {
  list.replaceChildren();
  list.dataset.memberId = account.memberId;
  for (const [term, value] of mergeSide(account, role)) {
    const row = el("div");
    row.append(el("dt", null, term), el("dd", null, value));
    list.append(row);
  }
}
