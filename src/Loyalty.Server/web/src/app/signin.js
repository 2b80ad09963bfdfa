// Signing in: an e-mail address, the code the engine mails to it, and (for a new member) a name. An engine in its
// Development environment also signs in by member id (its /api/dev/tokens), shown only where the engine offers it.
import { ApiError, callApi, MEMBER_ID, problemErrors } from "../shared/api.js";
import { byId, showError } from "../shared/render.js";
import { sessionFrom } from "./session.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^\d{6}$/;

const ui = {
  error: byId("signin-error"),
  emailForm: byId("email-form"),
  email: byId("email"),
  sendCode: byId("send-code"),
  codeForm: byId("code-form"),
  codeSent: byId("code-sent"),
  code: byId("code"),
  name: byId("name-input"),
  verify: byId("verify"),
  otherEmail: byId("other-email"),
  devForm: byId("dev-signin-form"),
  memberId: byId("member-id"),
  devButton: byId("sign-in"),
};

let email = "";

/** Wires the forms; onSignedIn(session) runs once the engine has issued the member's tokens. */
export function setUpSignIn(onSignedIn) {
  ui.emailForm.addEventListener("submit", (event) => sendCode(event));
  ui.codeForm.addEventListener("submit", (event) => verify(event, onSignedIn));
  ui.otherEmail.addEventListener("click", () => askForEmail());
  ui.devForm.addEventListener("submit", (event) => devSignIn(event, onSignedIn));
  offerDevelopmentSignIn();
}

/** Back to the first step (after sign-out, or to use another address). */
export function askForEmail(message) {
  ui.codeForm.hidden = true;
  ui.emailForm.hidden = false;
  ui.code.value = "";
  showError(ui.error, typeof message === "string" ? message : null);
  ui.email.focus();
}

async function sendCode(event) {
  event.preventDefault();
  const typed = ui.email.value.trim();
  showError(ui.error, null);
  if (!EMAIL.test(typed)) {
    showError(ui.error, "Enter your e-mail address, such as ada@example.org.");
    ui.email.focus();
    return;
  }
  ui.sendCode.disabled = true;
  try {
    await callApi("/api/auth/codes", { method: "POST", body: { email: typed } });
    email = typed;
    ui.codeSent.textContent = `We sent a code to ${typed}. It is valid for 10 minutes.`;
    ui.emailForm.hidden = true;
    ui.codeForm.hidden = false;
    ui.code.focus();
  } catch (error) {
    showError(ui.error, codeRequestMessage(error));
  } finally {
    ui.sendCode.disabled = false;
  }
}

function codeRequestMessage(error) {
  if (!(error instanceof ApiError)) return error;
  if (error.status === 429) return "Too many codes were asked for lately. Use the last one we sent, or try again in a few minutes.";
  if (error.status === 503) return `${error.problem?.detail ?? "Codes cannot be sent now."} Ask at the counter.`;
  const fields = problemErrors(error.problem);
  return fields.length > 0 ? fields.join(" ") : error;
}

async function verify(event, onSignedIn) {
  event.preventDefault();
  const code = ui.code.value.replace(/\s/g, "");
  const name = ui.name.value.trim();
  showError(ui.error, null);
  if (!CODE.test(code)) {
    showError(ui.error, "The code is the 6 digits in the mail.");
    ui.code.focus();
    return;
  }
  ui.verify.disabled = true;
  try {
    const tokens = await callApi("/api/auth/tokens", { method: "POST", body: { email, code, ...(name ? { name } : {}) } });
    ui.code.value = "";
    onSignedIn(sessionFrom(tokens));
  } catch (error) {
    showError(ui.error, verifyMessage(error));
    ui.code.select();
  } finally {
    ui.verify.disabled = false;
  }
}

function verifyMessage(error) {
  if (!(error instanceof ApiError)) return error;
  if (error.problem?.type === "urn:loyalty:problem:invalid-code") return "That code is wrong or has expired. Check the mail, or ask for a new code.";
  const fields = problemErrors(error.problem);
  return fields.length > 0 ? fields.join(" ") : error;
}

/** Shows the member id form when the engine's API document lists the Development token call. */
async function offerDevelopmentSignIn() {
  try {
    const document = await callApi("/openapi/v1.json");
    ui.devForm.hidden = !document?.paths?.["/api/dev/tokens"];
    const fromUrl = new URLSearchParams(location.search).get("member");
    if (fromUrl && !ui.devForm.hidden) ui.memberId.value = fromUrl;
  } catch {
    ui.devForm.hidden = true;
  }
}

async function devSignIn(event, onSignedIn) {
  event.preventDefault();
  const memberId = ui.memberId.value.trim();
  showError(ui.error, null);
  if (!MEMBER_ID.test(memberId)) {
    showError(ui.error, "A member id is 1 to 64 letters, digits, '-' or '_'.");
    ui.memberId.focus();
    return;
  }
  ui.devButton.disabled = true;
  try {
    const token = await callApi("/api/dev/tokens", { method: "POST", body: { memberId } });
    onSignedIn({ memberId, accessToken: token.accessToken, expiresAt: token.expiresAt });
  } catch (error) {
    const missing = error instanceof ApiError && error.problem?.type === "urn:loyalty:problem:member-not-found";
    showError(ui.error, missing ? `No member '${memberId}' is enrolled. Ask at the till to join.` : error);
  } finally {
    ui.devButton.disabled = false;
  }
}
