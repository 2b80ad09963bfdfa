// The promotions in the console: the list with an end button each, and the new promotion's form as a request body.
import { describeAudience, describeEffect, describeWindow } from "../shared/promotion.js";
import { el } from "../shared/render.js";

const STATUS = { running: "Running", scheduled: "Scheduled", ended: "Ended" };

/** @param {HTMLElement} list @param {any[]} promotions @param {Map<string, string>} clubNames @param {(p: any, b: HTMLButtonElement) => void} onEnd */
export function showPromotions(list, promotions, clubNames, onEnd) {
  list.replaceChildren();
  if (!promotions.length) {
    list.append(el("li", "empty", "No promotions"));
    return;
  }
  for (const promotion of [...promotions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    const item = el("li", "promotion");
    item.dataset.promotionId = promotion.id;
    item.dataset.status = promotion.status;
    const text = el("div", "entry-text");
    const title = el("strong", null, promotion.name);
    const status = el("span", `badge ${promotion.status}`, STATUS[promotion.status] ?? promotion.status);
    title.append(" ", status);
    text.append(title, el("span", null, `${describeEffect(promotion.effect)} \u00b7 for ${describeAudience(promotion.audience, clubNames)}`));
    const limits = [];
    if (promotion.limitPerMember != null) limits.push(`${promotion.limitPerMember} per member`);
    if (promotion.budgetPoints != null) limits.push(`budget ${promotion.budgetPoints} points`);
    text.append(el("small", null, [describeWindow(promotion), ...limits, `by ${promotion.createdBy}`].join(" \u00b7 ")));
    item.append(text);
    if (promotion.status !== "ended") {
      const end = el("button", "secondary", "End now");
      end.type = "button";
      end.setAttribute("aria-label", `End ${promotion.name}`);
      end.addEventListener("click", () => onEnd(promotion, end));
      item.append(end);
    }
    list.append(item);
  }
}

/** A datetime-local value ("2026-11-21T09:00", the reader's time) as an ISO UTC instant; null when empty or invalid. */
export function toUtc(local) {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An instant as a datetime-local value in the reader's time. */
export function toLocalInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const text = (input) => input.value.trim() || undefined;
const number = (input) => (input.value.trim() === "" ? undefined : Number(input.value));

/** The request body of the form's inputs (by id); what is left empty is left out, so that the engine says what is missing. */
export function promotionBody(form) {
  const get = (id) => form.querySelector(`#${id}`);
  const audience = { clubId: text(get("promo-club")), minTier: text(get("promo-min-tier")), segment: text(get("promo-segment")) };
  const effect = {
    kind: get("promo-kind").value,
    value: number(get("promo-value")),
    category: text(get("promo-category")),
    sku: text(get("promo-sku")),
    minSpend: number(get("promo-min-spend")),
  };
  return {
    name: get("promo-name").value.trim(),
    startsAt: toUtc(get("promo-starts").value),
    endsAt: toUtc(get("promo-ends").value),
    audience,
    effect,
    limitPerMember: number(get("promo-limit")),
    budgetPoints: number(get("promo-budget")),
  };
}
