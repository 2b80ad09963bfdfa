// "Your clubs": the clubs the account says the member is in, by name (the club list is read when an id is new to it).
import { el } from "../shared/render.js";

export class MemberClubs {
  /** @param {{ list: HTMLElement, readClubs: () => Promise<any[]> }} options */
  constructor({ list, readClubs }) {
    this._list = list;
    this._readClubs = readClubs;
    this._names = new Map();
    this._ids = [];
  }

  /** Shows the account's clubs (ids); names follow once the club list is read. */
  async show(clubIds) {
    this._ids = clubIds ?? [];
    this._render();
    if (this._ids.every((id) => this._names.has(id))) return;
    try {
      for (const club of await this._readClubs()) this._names.set(club.clubId, club.name);
    } catch {
      // The ids stay on screen; the next account read tries again.
      return;
    }
    this._render();
  }

  _render() {
    this._list.replaceChildren();
    if (!this._ids.length) {
      this._list.append(el("li", "empty", "You are not in any club"));
      return;
    }
    for (const id of this._ids) {
      const item = el("li", "club", this._names.get(id) ?? id);
      item.dataset.clubId = id;
      this._list.append(item);
    }
  }
}
