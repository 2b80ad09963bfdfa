// The audit logs of promotions and clubs, newest first.
import { dateTime } from "../shared/format.js";
import { el } from "../shared/render.js";

/** @param {HTMLElement} list @param {{ sequence: number, at: string, by: string, action: string }[]} entries @param {(e: any) => string} what */
export function showAudit(list, entries, what) {
  list.replaceChildren();
  if (!entries.length) {
    list.append(el("li", "empty", "Nothing yet"));
    return;
  }
  for (const entry of entries) {
    const item = el("li", "entry");
    item.dataset.action = entry.action;
    const text = el("div", "entry-text");
    text.append(el("strong", null, `${entry.action}: ${what(entry)}`), el("small", null, `${dateTime(entry.at)} \u00b7 by ${entry.by}`));
    item.append(text);
    list.append(item);
  }
}
