// The ledger and the account's expiry on the support page. Text only goes in through textContent.
import { calendarDay, dateTime, money, points, signedPoints } from "../shared/format.js";
import { el } from "../shared/render.js";
import { adjustmentText, entryAuthor, entryTitle, expiryRows, voidedRedemptions, voidState } from "./ledger.js";

/**
 * The entries, newest first: kind in words, details, when, who made it, the transaction id, the points; a redemption
 * not yet voided gets a Void button that calls onVoid(entry, button).
 */
export function showLedger(list, entries, onVoid) {
  list.replaceChildren();
  if (!entries?.length) {
    list.append(el("li", "empty", "No entries yet"));
    return;
  }
  const voided = voidedRedemptions(entries);
  for (const entry of entries) {
    const item = el("li", "entry");
    item.dataset.sequence = String(entry.sequence);
    item.dataset.kind = entry.kind;
    if (entry.transactionId) item.dataset.transactionId = entry.transactionId;
    const text = el("div", "entry-text");
    text.append(el("strong", null, entryTitle(entry)));
    const details = adjustmentText(entry) || entry.description || (entry.amount != null ? money(entry.amount) : "");
    if (details) text.append(el("span", null, details));
    const meta = [dateTime(entry.at)];
    if (entry.transactionId) meta.push(`transaction ${entry.transactionId}`);
    text.append(el("small", null, meta.join(" \u00b7 ")));
    const author = entryAuthor(entry);
    if (author) {
      const by = el("small", "by", `by ${author}`);
      by.dataset.testid = "by";
      text.append(by);
    }
    const change = el("span", `points ${entry.points > 0 ? "up" : entry.points < 0 ? "down" : ""}`.trim(),
      entry.points ? signedPoints(entry.points) : "");
    item.append(text, change);
    const state = voidState(entry, voided);
    if (state === "voided") item.append(el("span", "badge", "Voided"));
    else if (state === "void") {
      const button = el("button", "secondary small-button", "Void");
      button.type = "button";
      button.setAttribute("aria-label", `Void the redemption ${entry.transactionId}`);
      button.addEventListener("click", () => onVoid(entry, button));
      item.append(button);
    }
    list.append(item);
  }
}

/** The next points to expire and the points still pending, one row each. */
export function showExpiry(list, account) {
  list.replaceChildren();
  const rows = expiryRows(account);
  if (!rows.length) {
    list.append(el("li", "empty", "No points due to expire or pending"));
    return;
  }
  for (const row of rows) {
    const item = el("li", row.kind);
    item.append(el("span", "grow", row.kind === "pending" ? `Pending until ${calendarDay(row.on)}` : `Expire on ${calendarDay(row.on)}`),
      el("span", "points", points(row.points)));
    list.append(item);
  }
}
