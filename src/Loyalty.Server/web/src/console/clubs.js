// The clubs in the console: the list (with an edit button each) and the club choices of the other forms.
import { el } from "../shared/render.js";

/** @param {HTMLElement} list @param {any[]} clubs @param {(club: any) => void} onEdit */
export function showClubs(list, clubs, onEdit) {
  list.replaceChildren();
  if (!clubs.length) {
    list.append(el("li", "empty", "No clubs yet"));
    return;
  }
  for (const club of clubs) {
    const item = el("li", "club");
    item.dataset.clubId = club.clubId;
    const text = el("div", "entry-text");
    text.append(el("strong", null, club.name), el("small", "mono", club.clubId));
    if (club.description) text.append(el("span", null, club.description));
    const edit = el("button", "secondary", "Edit");
    edit.type = "button";
    edit.setAttribute("aria-label", `Edit ${club.name}`);
    edit.addEventListener("click", () => onEdit(club));
    item.append(text, edit);
    list.append(item);
  }
}

/** Fills a select with the clubs, keeping its choice; `none` is the label of an empty first choice, if any. */
export function fillClubSelect(select, clubs, none) {
  const chosen = select.value;
  select.replaceChildren();
  if (none) select.append(new Option(none, ""));
  for (const club of clubs) select.append(new Option(`${club.name} (${club.clubId})`, club.clubId));
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}
