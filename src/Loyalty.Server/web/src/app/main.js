// The member app: sign in with a code sent by mail, then the account, kept live through the hub. The access token is
// renewed about a minute before it expires, and the live connection re-opened with the new one before the old one
// closes, so that the member sees no interruption.
import "./app.css";
import { ApiError, callApi, memberPath } from "../shared/api.js";
import { MemberFeed } from "../shared/feed.js";
import { hubErrorMessage, LiveConnection, showStatus } from "../shared/live.js";
import { MemberClubs } from "./clubs.js";
import { MemberPromotions } from "./promotions.js";
import { MemberCard } from "./card.js";
import { downloadMyData } from "./export.js";
import { clearSession, loadSession, resumeSession, saveSession, SessionKeeper } from "./session.js";
import { askForEmail, setUpSignIn } from "./signin.js";
import { closeErasure, ERASED_MESSAGE, setUpErasure } from "./erase.js";
import {
  byId, showActivity, showError, showExpiring, showPending, showNumber, showRewards, showStamps, showTier,
} from "../shared/render.js";

const ACTIVITY_LIMIT = 10;

const ui = {
  status: byId("status"),
  signOut: byId("sign-out"),
  signinView: byId("signin-view"),
  accountView: byId("account-view"),
  error: byId("error"),
  name: byId("name"),
  accountId: byId("account-id"),
  balance: byId("balance"),
  expiring: byId("expiring"),
  pending: byId("pending"),
  tier: byId("tier"),
  tierProgress: byId("tier-progress"),
  tierNext: byId("tier-next"),
  stamps: byId("stamps"),
  stampsCaption: byId("stamps-caption"),
  rewards: byId("rewards"),
  activity: byId("activity"),
  promotions: byId("promotions"),
  clubs: byId("clubs"),
  downloadData: byId("download-data"),
};
const card = new MemberCard({ canvas: byId("card-qr"), number: byId("card-number"), none: byId("card-none") });

/** @type {import("./session.js").Session | null} */
let session = null;
/** @type {SessionKeeper | null} */
let keeper = null;
/** The connection whose state is shown. @type {LiveConnection | null} */
let live = null;
/** A connection being opened with a renewed token, to take over from {@link live} once it watches. @type {LiveConnection | null} */
let renewing = null;
/** @type {MemberFeed | null} */
let feed = null;
/** @type {MemberPromotions | null} */
let promotions = null;
/** @type {MemberClubs | null} */
let clubs = null;
let liveError = null;
let readError = null;

const authorization = () => ({ Authorization: `Bearer ${session?.accessToken}` });

function signedIn(newSession) {
  session = newSession;
  saveSession(session);
  open();
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

  live = connect();
  keeper = new SessionKeeper({ session, onRenewed: renewed, onEnded: (message) => signOut(message, false) });
  keeper.start();
}

/** A live connection on the session's current token; only {@link live}'s state is shown. */
function connect() {
  const connection = new LiveConnection({
    accessToken: () => session?.accessToken ?? "",
    onEvent: (name, e) => {
      if (connection !== live && connection !== renewing) return;
      if (name === "PromotionAnnounced") {
        if (e?.memberId === session?.memberId) promotions?.announce(e.promotion);
      } else {
        feed?.handle(name, e);
      }
    },
    onConnected: () => watch(connection),
    onStatus: (state, detail) => {
      if (connection === renewing && state === "refused") {
        renewing = null;
        connection.stop();
      }
      if (connection !== live) return;
      showStatus(ui.status, state, detail);
      if (state === "refused") {
        liveError = `Live updates refused: ${detail}`;
        renderErrors();
      }
    },
  });
  connection.start();
  return connection;
}

/** A renewed token: a new connection watches with it, then replaces the one opened with the old token. */
function renewed(newSession) {
  session = newSession;
  if (!live) return;
  renewing?.stop();
  renewing = connect();
}

/** Watches the member (again, after a reconnection) and re-reads what may have happened meanwhile. */
async function watch(connection) {
  const current = feed;
  if (!current) return;
  try {
    const account = await connection.invoke("Watch", current.memberId);
    if (connection === renewing) {
      const old = live;
      live = connection;
      renewing = null;
      showStatus(ui.status, "live");
      old?.stop();
    }
    if (connection !== live) return;
    liveError = null;
    current.accept(account);
  } catch (error) {
    if (connection !== live) {
      if (connection === renewing) renewing = null;
      connection.stop();
      return;
    }
    liveError = `Live updates refused: ${hubErrorMessage(error)}`;
    showStatus(ui.status, "refused", hubErrorMessage(error));
  }
  renderErrors();
  current.refresh();
  promotions?.refresh(0);
}

function readFailed(error) {
  if (error instanceof ApiError && error.status === 410) return signOut(ERASED_MESSAGE, false); // erased (from another device)
  if (error instanceof ApiError && error.status === 401) {
    if (session?.refreshToken) return keeper?.renew(); // the token expired before its renewal (a device asleep): renew now
    return signOut("Your session has ended. Sign in again.");
  }
  readError = error;
  renderErrors();
}

let shownPoints = 0;

function render(account) {
  shownPoints = account.points;
  readError = null;
  renderErrors();
  ui.name.textContent = account.name;
  showNumber(ui.balance, account.points);
  showExpiring(ui.expiring, account.pointsExpiringNext);
  showPending(ui.pending, account);
  showTier(ui.tier, ui.tierProgress, ui.tierNext, account);
  showStamps(ui.stamps, ui.stampsCaption, account.stampCards);
  showRewards(ui.rewards, account.rewards);
  clubs?.show(account.clubs);
  readCard();
  document.title = `${account.name}: ${account.points} points`;
}

/** Reads the member's cards until one is shown: a card the till hands over shows with the next change of the account. */
let cardRead = null;
function readCard() {
  if (!session || card.hasCard || cardRead) return;
  const memberId = session.memberId;
  cardRead = callApi(`${memberPath(memberId)}/cards`, { headers: authorization() })
    .then((cards) => session?.memberId === memberId && card.show(cards))
    .catch(() => {}) // the card stays "ask at the counter"; the account's own reads report what is wrong
    .finally(() => { cardRead = null; });
}

// Back to the app at the counter: a card handed over meanwhile shows at once.
document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && readCard());

function renderErrors() {
  const messages = [liveError, readError].filter(Boolean);
  if (messages.length === 0) return showError(ui.error, null);
  if (messages.length === 1) return showError(ui.error, messages[0]);
  showError(ui.error, messages.map((m) => (typeof m === "string" ? m : m.message)).join(" \u00b7 "));
}

/** Ends the session: on the engine too (its refresh tokens stop working) unless it has ended there already. */
async function signOut(message, tellEngine = true) {
  const ending = session;
  keeper?.stop();
  keeper = null;
  feed?.close();
  feed = null;
  promotions?.close();
  promotions = null;
  clubs = null;
  const closing = [live, renewing];
  live = renewing = null;
  session = null;
  clearSession();
  card.show(null); // the next member's card is read afresh
  closeErasure();
  ui.accountView.hidden = true;
  ui.signOut.hidden = true;
  ui.status.hidden = true;
  ui.signinView.hidden = false;
  showStatus(ui.status, "stopped");
  document.title = "My loyalty card";
  askForEmail(message);
  if (tellEngine && ending?.refreshToken) {
    callApi("/api/auth/sign-out", { method: "POST", headers: { Authorization: `Bearer ${ending.accessToken}` } }).catch(() => {});
  }
  await Promise.all(closing.map((c) => c?.stop()));
}

setUpSignIn(signedIn);
setUpErasure({ session: () => session, points: () => shownPoints, onErased: () => signOut(ERASED_MESSAGE, false) });
ui.signOut.addEventListener("click", () => signOut());
ui.downloadData.addEventListener("click", async () => {
  if (!session) return;
  ui.downloadData.disabled = true;
  try {
    await downloadMyData(session.memberId, authorization());
  } catch (error) {
    readFailed(error);
  } finally {
    ui.downloadData.disabled = false;
  }
});

async function start() {
  const saved = loadSession();
  const resumed = saved ? await resumeSession(saved) : null;
  if (resumed) {
    session = resumed;
    open();
  } else {
    askForEmail(saved ? "Your session has ended. Sign in again." : undefined);
  }
}

start();
