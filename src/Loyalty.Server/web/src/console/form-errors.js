// A validation problem's `errors` map shown next to the fields it names: each input carries its field's name in
// data-field ("effect.value"); an error for a field the form does not show goes to the form's own error box.
import { problemErrors } from "../shared/api.js";
import { el, showError } from "../shared/render.js";

/** Removes the field errors of a form and hides its error box. */
export function clearErrors(form, box) {
  for (const message of form.querySelectorAll(".field-error")) message.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
  showError(box, null);
}

/** Shows an error of a form's call: a validation problem by field, anything else in the box. */
export function showErrors(form, box, error) {
  clearErrors(form, box);
  const errors = error?.problem?.errors;
  if (!errors || typeof errors !== "object") return showError(box, error);
  const rest = {};
  let first = null;
  for (const [field, messages] of Object.entries(errors)) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) {
      rest[field] = messages;
      continue;
    }
    const message = el("p", "field-error", (Array.isArray(messages) ? messages : [messages]).join(" "));
    message.id = `${input.id}-error`;
    message.dataset.field = field;
    input.after(message);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", message.id);
    first ??= input;
  }
  const others = problemErrors({ errors: rest });
  if (others.length || !first) showError(box, { problem: { ...error.problem, errors: rest } });
  else showError(box, { problem: { title: error.problem.title || "Some fields need a change" } });
  first?.focus();
}
