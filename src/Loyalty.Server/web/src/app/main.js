// The member app: sign in with a member id, then the account, kept live through the hub.
import "./app.css";
import { ApiError, callApi, MEMBER_ID, memberPath } from "../shared/api.js";
import { MemberFeed } from "../shared/feed.js";
import { hubErrorMessage, LiveConnection, showStatus } from "../shared/live.js";
import { MemberClubs } from "./clubs.js";
import { MemberPromotions } from "./promotions.js";
import {
  byId, showActivity, showError, showExpiring, showNumber, showRewards, showStamps, showTier,
} from "../shared/render.js";

const SESSION_KEY = "loyalty.member.session";
const ACTIVITY_LIMIT = 10;
const MAX_TIMER_MS = 2 ** 31 - 1;

const ui = {
  status: byId("status"),
  signOut: byId("sign-out"),
  signinView: byId("signin-view"),
  signinForm: byId("signin-form"),
  signinButton: byId("sign-in"),
  memberId: byId("member-id"),
  signinError: byId("signin-error"),
  accountView: byId("account-view"),
  error: byId("error"),
  name: byId("name"),
  accountId: byId("account-id"),
  balance: byId("balance"),
  expiring: byId("expiring"),
  tier: byId("tier"),
  tierProgress: byId("tier-progress"),
  tierNext: byId("tier-next"),
  stamps: byId("stamps"),
  stampsCaption: byId("stamps-caption"),
  rewards: byId("rewards"),
  activity: byId("activity"),
  promotions: byId("promotions"),
  clubs: byId("clubs"),
};

/** @type {{ memberId: string, accessToken: string, expiresAt: string } | null} */
let session = null;
/** @type {LiveConnection | null} */
let live = null;
/** @type {MemberFeed | null} */
let feed = null;
/** @type {MemberPromotions | null} */
let promotions = null;
/** @type {MemberClubs | null} */
let clubs = null;
let expiryTimer = 0;
let liveError = null;
let readError = null;

function loadSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null");
    if (saved?.memberId && saved?.accessToken && Date.parse(saved.expiresAt) > Date.now()) return saved;
  } catch {
    // An unreadable session is no session.
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

const authorization = () => ({ Authorization: `Bearer ${session?.accessToken}` });

async function signIn(event) {
  event.preventDefault();
  const memberId = ui.memberId.value.trim();
  showError(ui.signinError, null);
  if (!MEMBER_ID.test(memberId)) {
    showError(ui.signinError, "A member id is 1 to 64 letters, digits, '-' or '_'.");
    ui.memberId.focus();
    return;
  }
  ui.signinButton.disabled = true;
  try {
    const token = await callApi("/api/dev/tokens", { method: "POST", body: { memberId } });
    session = { memberId, accessToken: token.accessToken, expiresAt: token.expiresAt };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    open();
  } catch (error) {
    showError(ui.signinError, signInMessage(error, memberId));
  } finally {
    ui.signinButton.disabled = false;
  }
}

function signInMessage(error, memberId) {
  if (!(error instanceof ApiError)) return error;
  if (error.problem?.type === "urn:loyalty:problem:member-not-found") return `No member '${memberId}' is enrolled. Ask at the till to join.`;
  if (error.status === 404) return "Signing in with a member id works only on an engine in its Development environment.";
  return error;
}

function open() {
  ui.signinView.hidden = true;
  ui.accountView.hidden = false;
  ui.signOut.hidden = false;
  ui.status.hidden = false;
  ui.accountId.textContent = session.memberId;
  ui.name.textContent = "";
  liveError = readError = null;
  renderErrors();

  const memberId = session.memberId;
  const path = memberPath(memberId);
  feed = new MemberFeed({
    memberId,
    readAccount: () => callApi(path, { headers: authorization() }),
    readActivity: async () => (await callApi(`${path}/activity?limit=${ACTIVITY_LIMIT}`, { headers: authorization() })).entries,
    onAccount: render,
    onActivity: (entries) => showActivity(ui.activity, entries),
    onEvent: () => promotions?.refresh(),
    onError: readFailed,
  });
  feed.refresh();
  promotions = new MemberPromotions({
    list: ui.promotions,
    read: () => callApi(`${path}/promotions`, { headers: authorization() }),
    onError: readFailed,
  });
  promotions.refresh(0);
  clubs = new MemberClubs({ list: ui.clubs, readClubs: () => callApi("/api/clubs", { headers: authorization() }) });

  live = new LiveConnection({
    accessToken: () => session?.accessToken ?? "",
    onEvent: (name, e) => {
      if (name === "PromotionAnnounced") {
        if (e?.memberId === session?.memberId) promotions?.announce(e.promotion);
      } else {
        feed?.handle(name, e);
      }
    },
    onConnected: watch,
    onStatus: (state, detail) => {
      showStatus(ui.status, state, detail);
      if (state === "refused") {
        liveError = `Live updates refused: ${detail}`;
        renderErrors();
      }
    },
  });
  live.start();

  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => signOut("Your session has ended. Sign in again."),
    Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(session.expiresAt) - Date.now())));
}

/** Watches the member (again, after a reconnection) and re-reads what may have happened meanwhile. */
async function watch() {
  const current = feed;
  if (!live || !current) return;
  try {
    const account = await live.invoke("Watch", current.memberId);
    liveError = null;
    current.accept(account);
  } catch (error) {
    liveError = `Live updates refused: ${hubErrorMessage(error)}`;
    showStatus(ui.status, "refused", hubErrorMessage(error));
  }
  renderErrors();
  current.refresh();
  promotions?.refresh(0);
}

function readFailed(error) {
  if (error instanceof ApiError && error.status === 401) return signOut("Your session has ended. Sign in again.");
  readError = error;
  renderErrors();
}

function render(account) {
  readError = null;
  renderErrors();
  ui.name.textContent = account.name;
  showNumber(ui.balance, account.points);
  showExpiring(ui.expiring, account.pointsExpiringNext);
  showTier(ui.tier, ui.tierProgress, ui.tierNext, account);
  showStamps(ui.stamps, ui.stampsCaption, account.stampCards);
  showRewards(ui.rewards, account.rewards);
  clubs?.show(account.clubs);
  document.title = `${account.name}: ${account.points} points`;
}

function renderErrors() {
  const messages = [liveError, readError].filter(Boolean);
  if (messages.length === 0) return showError(ui.error, null);
  if (messages.length === 1) return showError(ui.error, messages[0]);
  showError(ui.error, messages.map((m) => (typeof m === "string" ? m : m.message)).join(" \u00b7 "));
}

async function signOut(message) {
  clearTimeout(expiryTimer);
  feed?.close();
  feed = null;
  promotions?.close();
  promotions = null;
  clubs = null;
  const closing = live;
  live = null;
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  ui.accountView.hidden = true;
  ui.signOut.hidden = true;
  ui.status.hidden = true;
  ui.signinView.hidden = false;
  showStatus(ui.status, "stopped");
  showError(ui.signinError, typeof message === "string" ? message : null);
  document.title = "My loyalty card";
  ui.memberId.focus();
  await closing?.stop();
}

ui.signinForm.addEventListener("submit", signIn);
ui.signOut.addEventListener("click", () => signOut());

session = loadSession();
if (session) {
  open();
} else {
  const fromUrl = new URLSearchParams(location.search).get("member");
  if (fromUrl) ui.memberId.value = fromUrl;
  ui.memberId.focus();
}
