// Pieces of an account on screen, shared by the member app and the till. Text only goes in through textContent.
import { calendarDay, dateTime, money, points, signedPoints } from "./format.js";
import { problemErrors } from "./api.js";

/** document.getElementById that insists. */
export const byId = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
};

/** Creates an element with a class and text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Sets a number's text and its raw value (data-value), and pulses it when it changed. */
export function showNumber(element, value, format = points) {
  const previous = element.dataset.value;
  element.dataset.value = String(value);
  element.textContent = format(value);
  if (previous !== undefined && previous !== String(value)) {
    element.classList.remove("changed");
    void element.offsetWidth;
    element.classList.add("changed");
  }
}

export function showTier(tierElement, progressElement, nextElement, account) {
  tierElement.textContent = account.tier;
  tierElement.dataset.tier = account.tier.toLowerCase();
  const progress = account.tierProgress ?? {};
  const spend = Number(progress.qualifyingSpend12m ?? 0);
  if (progress.nextTier) {
    const toNext = Number(progress.spendToNextTier ?? 0);
    const target = spend + toNext;
    progressElement.max = 100;
    progressElement.value = target > 0 ? Math.min(100, (spend / target) * 100) : 0;
    nextElement.textContent = `${money(toNext)} more to ${progress.nextTier} (${money(spend)} spent in 12 months)`;
  } else {
    progressElement.max = 100;
    progressElement.value = 100;
    nextElement.textContent = `Top tier (${money(spend)} spent in 12 months)`;
  }
}

/** The first stamp card as a row of dots (filled for each stamp). */
export function showStamps(container, captionElement, cards) {
  const card = (cards ?? [])[0] ?? { cardId: "coffee", stamps: 0, stampsRequired: 9 };
  const required = Math.max(1, card.stampsRequired);
  const stamps = Math.max(0, Math.min(card.stamps, required));
  container.replaceChildren();
  container.dataset.stamps = String(card.stamps);
  container.dataset.required = String(required);
  container.setAttribute("aria-label", `${card.stamps} of ${required} stamps`);
  for (let i = 0; i < required; i++) container.append(el("span", i < stamps ? "stamp filled" : "stamp"));
  const left = required - stamps;
  captionElement.textContent = left === 0
    ? "Card full"
    : `${card.stamps} of ${required}: ${left} more for a free ${card.cardId}`;
}

/** A group of rewards as a till or an app names it: "Free coffee", or "Free coffee \u00d73" for three. */
export function rewardLabel(reward) {
  return (reward.count ?? 1) > 1 ? `${reward.description} \u00d7${reward.count}` : reward.description;
}

/**
 * The issued rewards as a list, one entry per group with its count; with onRedeem, each gets a button that uses one.
 * @param {HTMLElement} list @param {any[]} rewards @param {((reward: any) => void) | undefined} onRedeem
 */
export function showRewards(list, rewards, onRedeem) {
  list.replaceChildren();
  if (!rewards?.length) {
    list.append(el("li", "empty", "No rewards yet"));
    return;
  }
  for (const reward of rewards) {
    const item = el("li", "reward");
    item.dataset.rewardId = reward.rewardId;
    const text = el("div", "reward-text");
    text.append(el("strong", null, rewardLabel(reward)), el("small", null, `Use by ${calendarDay(reward.expiresAt)}`));
    item.append(text);
    if (onRedeem) {
      const button = el("button", "secondary", "Redeem");
      button.type = "button";
      button.setAttribute("aria-label", `Redeem ${reward.description}`);
      button.addEventListener("click", () => onRedeem(reward, button));
      item.append(button);
    }
    list.append(item);
  }
}

/**
 * "25 points pending: spendable from 15 Mar 2027" (dates as the reader writes them), the points of sales not spendable yet (the account's
 * pendingPoints and its earliest release); with several release days, "… (the first 10 spendable from …)". Empty
 * when nothing is pending. Pure.
 */
export function pendingText(account) {
  const releases = (account?.pendingReleases ?? []).filter((r) => r.points > 0);
  const total = account?.pendingPoints ?? 0;
  if (total <= 0 || releases.length === 0) return "";
  const first = releases[0];
  return releases.length === 1
    ? `${points(total)} points pending: spendable from ${calendarDay(first.on)}`
    : `${points(total)} points pending (the first ${points(first.points)} spendable from ${calendarDay(first.on)})`;
}

/** Shows the pending points, or hides the element when there are none. */
export function showPending(element, account) {
  element.textContent = pendingText(account);
  element.hidden = element.textContent === "";
}

export function showExpiring(element, expiring) {
  element.textContent = expiring && expiring.points > 0
    ? `${points(expiring.points)} points expire on ${calendarDay(expiring.on)}`
    : "No points due to expire";
}

const KINDS = {
  enrolled: "Joined",
  purchase: "Purchase",
  redemption: "Points redeemed",
  "reward-redeemed": "Reward used",
  refund: "Refund",
  "points-expired": "Points expired",
  "reward-issued": "Reward earned",
  "reward-expired": "Reward expired",
  "reward-revoked": "Reward withdrawn",
  "tier-changed": "Tier changed",
  "club-joined": "Joined a club",
  "club-left": "Left a club",
  adjustment: "Points corrected",
  "redemption-voided": "Redemption undone",
  "points-released": "Pending points released",
  "merged-in": "Another account merged in",
  "merged-out": "Merged into another account",
};

/** A ledger entry's kind in words ("Points corrected"); an unknown kind as it is. */
export const kindLabel = (kind) => KINDS[kind] ?? kind;

/** The ledger, newest first. */
export function showActivity(list, entries) {
  list.replaceChildren();
  if (!entries?.length) {
    list.append(el("li", "empty", "No activity yet"));
    return;
  }
  for (const entry of entries) {
    const item = el("li", "entry");
    item.dataset.sequence = String(entry.sequence);
    item.dataset.kind = entry.kind;
    const text = el("div", "entry-text");
    text.append(el("strong", null, kindLabel(entry.kind)));
    const details = entry.description || (entry.amount != null ? money(entry.amount) : "");
    if (details) text.append(el("span", null, details));
    text.append(el("small", null, dateTime(entry.at)));
    const change = el("span", `points ${entry.points > 0 ? "up" : entry.points < 0 ? "down" : ""}`.trim(),
      entry.points ? signedPoints(entry.points) : "");
    item.append(text, change);
    list.append(item);
  }
}

/** An error as a title with its details; an ApiError's field errors become a list. Empty hides it. */
export function showError(element, error) {
  element.replaceChildren();
  if (!error) {
    element.hidden = true;
    return;
  }
  const problem = error.problem;
  if (problem) {
    element.append(el("strong", null, problem.title || "The request failed"));
    if (problem.detail) element.append(el("p", null, problem.detail));
    const lines = problemErrors(problem);
    if (lines.length) {
      const list = el("ul");
      for (const line of lines) list.append(el("li", null, line));
      element.append(list);
    }
  } else {
    element.append(el("p", null, typeof error === "string" ? error : error.message ?? String(error)));
  }
  element.hidden = false;
}
