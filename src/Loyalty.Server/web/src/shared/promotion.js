// A promotion in words, for the console, the member app and the till.
import { dateTime, money, points } from "./format.js";

/** What a promotion gives and on what: "2× points on coffee", "+50 points on LATTE from €10.00". */
export function describeEffect(effect) {
  if (!effect) return "";
  const value = Number(effect.value);
  const what = effect.kind === "multiplier" ? `${value}\u00d7 points`
    : effect.kind === "bonusPoints" ? `+${points(value)} bonus points`
    : effect.kind === "bonusStamps" ? `+${points(value)} bonus stamp${value === 1 ? "" : "s"}`
    : `${effect.kind} ${value}`;
  const on = [effect.category, effect.sku].filter(Boolean).join(" / ");
  const from = effect.minSpend != null ? ` from ${money(effect.minSpend)}` : "";
  return `${what}${on ? ` on ${on}` : ""}${from}`;
}

/** Who it is for: "Coffee Club members, Silver and above", or "every member". */
export function describeAudience(audience, clubNames = new Map()) {
  const parts = [];
  if (audience?.clubId) parts.push(`${clubNames.get(audience.clubId) ?? audience.clubId} members`);
  if (audience?.minTier) parts.push(`${audience.minTier} and above`);
  if (audience?.segment) parts.push(`segment ${audience.segment}`);
  return parts.length ? parts.join(", ") : "every member";
}

/** Its window in the reader's time. */
export const describeWindow = (promotion) => `${dateTime(promotion.startsAt)} \u2013 ${dateTime(promotion.endsAt)}`;
