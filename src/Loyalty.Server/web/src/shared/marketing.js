// What the marketing pages (/console and /insights) share: the marketing key, kept in the tab's sessionStorage only
// (so that going from one page to the other in the same tab keeps it, and closing the tab forgets it), the calls made
// with it, and the form that asks for it.
import { ApiError, callApi } from "./api.js";
import { byId, el, showError } from "./render.js";

const KEY_STORAGE = "loyalty.console.apiKey";

export const savedKey = () => sessionStorage.getItem(KEY_STORAGE) ?? "";
export const saveKey = (key) => sessionStorage.setItem(KEY_STORAGE, key);
export const forgetKey = () => sessionStorage.removeItem(KEY_STORAGE);

/** Calls the engine with the marketing key. */
export const marketingCall = (path, options = {}) => callApi(path, { ...options, headers: { "X-Api-Key": savedKey() } });

/** Whether an error says the key is not a marketing key (401: unknown; 403: another role's). */
export const refused = (error) => error instanceof ApiError && (error.status === 401 || error.status === 403);

export const REFUSED = "The key was not accepted as a marketing key.";

/** The key form, in #key-view: #key-form, #api-key, #key-error and #use-key. */
function renderKeyForm(keyView, buttonText) {
  const form = el("form", "card");
  form.id = "key-form";
  form.noValidate = true;
  const field = el("div", "field");
  const label = el("label", null, "API key");
  label.htmlFor = "api-key";
  const input = el("input");
  Object.assign(input, { id: "api-key", name: "apiKey", type: "password", autocomplete: "off", spellcheck: false, required: true });
  field.append(label, input);
  const error = el("div", "error");
  Object.assign(error, { id: "key-error", hidden: true });
  error.dataset.testid = "key-error";
  error.setAttribute("role", "alert");
  const button = el("button", "wide", buttonText);
  Object.assign(button, { id: "use-key", type: "submit" });
  form.append(el("h2", null, "Marketing key"),
    el("p", "muted", "Enter a marketing API key. It is kept in this tab only, until you close it or forget it."), field, error, button);
  keyView.replaceChildren(form);
  return { form, input, error, button };
}

/**
 * Asks for the marketing key and opens the page with it. <c>open()</c> tries the key (it throws an ApiError when the
 * engine refuses it) and shows the page; <c>shown</c> are the elements shown while the page is open (hidden with the
 * form). Returns close(message): back to the form, the key forgotten.
 */
export function keyGate({ buttonText, shown, open }) {
  const keyView = byId("key-view");
  const forget = byId("forget-key");
  const ui = renderKeyForm(keyView, buttonText);

  function close(message) {
    forgetKey();
    for (const element of [...shown, forget]) element.hidden = true;
    keyView.hidden = false;
    showError(ui.error, message ?? null);
    ui.input.focus();
  }

  async function tryKey() {
    try {
      await open(() => {
        keyView.hidden = true;
        for (const element of [...shown, forget]) element.hidden = false;
        ui.input.value = "";
      });
    } catch (error) {
      if (refused(error)) return close(REFUSED);
      forgetKey();
      showError(ui.error, error);
    }
  }

  ui.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = ui.input.value.trim();
    showError(ui.error, null);
    if (!key) {
      showError(ui.error, "Enter the marketing API key.");
      return ui.input.focus();
    }
    saveKey(key);
    ui.button.disabled = true;
    try {
      await tryKey();
    } finally {
      ui.button.disabled = false;
    }
  });
  forget.addEventListener("click", () => close());

  if (savedKey()) tryKey();
  else ui.input.focus();
  return close;
}
