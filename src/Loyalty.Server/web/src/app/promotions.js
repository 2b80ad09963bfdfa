// "Promotions for you": the promotions open to the member, read again after each change of the account, and a
// promotion announced through the hub shown at once, marked as new.
import { dateTime } from "../shared/format.js";
import { describeEffect } from "../shared/promotion.js";
import { el } from "../shared/render.js";

const SETTLE_MS = 150;

export class MemberPromotions {
  /** @param {{ list: HTMLElement, read: () => Promise<{ promotions: any[] }>, onError: (error: any) => void }} options */
  constructor({ list, read, onError }) {
    this._list = list;
    this._read = read;
    this._onError = onError;
    this._shown = [];
    this._new = new Set();
    this._timer = 0;
    this._version = 0;
    this._closed = false;
  }

  /** Reads the member's promotions again, shortly (the events of one sale come together). */
  refresh(delay = SETTLE_MS) {
    if (this._closed) return;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._load(), delay);
  }

  /** A PromotionAnnounced event: shown at once, at the top, marked new; then the list is read again. */
  announce(promotion) {
    if (this._closed || !promotion?.id) return;
    this._new.add(promotion.id);
    this._version++;
    this._show([promotion, ...this._shown.filter((p) => p.id !== promotion.id)]);
    this.refresh();
  }

  close() {
    this._closed = true;
    clearTimeout(this._timer);
  }

  async _load() {
    const version = ++this._version;
    try {
      const answer = await this._read();
      // A read that started before an announcement may not hold it yet: the next read will.
      if (this._closed || version !== this._version) return;
      this._show(answer?.promotions ?? []);
    } catch (error) {
      if (!this._closed) this._onError(error);
    }
  }

  _show(promotions) {
    this._shown = promotions;
    this._list.replaceChildren();
    if (!promotions.length) {
      this._list.append(el("li", "empty", "No promotions for you right now"));
      return;
    }
    const ordered = [...promotions.filter((p) => this._new.has(p.id)), ...promotions.filter((p) => !this._new.has(p.id))];
    for (const promotion of ordered) {
      const item = el("li", "promotion");
      item.dataset.promotionId = promotion.id;
      const text = el("div", "entry-text");
      const title = el("strong", null, promotion.name);
      if (this._new.has(promotion.id)) {
        item.classList.add("new");
        item.dataset.new = "true";
        title.append(" ", el("span", "badge", "New"));
      }
      const limit = promotion.limitPerMember ? ` \u00b7 up to ${promotion.limitPerMember} time${promotion.limitPerMember === 1 ? "" : "s"}` : "";
      text.append(title, el("span", null, describeEffect(promotion.effect)), el("small", null, `Until ${dateTime(promotion.endsAt)}${limit}`));
      item.append(text);
      this._list.append(item);
    }
  }
}
