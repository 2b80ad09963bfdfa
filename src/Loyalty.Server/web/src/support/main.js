// The support page: find a member, read their account and ledger (watched live), adjust points, void a redemption,
// merge two members.
import "./support.css";
import { ApiError, isDevelopment, MEMBER_ID } from "../shared/api.js";
import { MemberFeed } from "../shared/feed.js";
import { points, signedPoints } from "../shared/format.js";
import { LiveConnection, showStatus, watchFeed } from "../shared/live.js";
import { findMember, identifierOf } from "../shared/lookup.js";
import { byId, el, showError, showNumber, showRewards, showStamps, showTier } from "../shared/render.js";
import { joinPages, REASONS, reasonLabel } from "./ledger.js";
import { showExpiry, showLedger } from "./ledger-view.js";
import { wireLiability } from "./liability.js";
import { wireMerge } from "./merge-view.js";
import { RetryableAction, runOnce } from "./retry.js";
import { supportApi } from "./support-api.js";
import { DEV_KEY, NO_KEY_MESSAGE, refusalMessage, refusesKey, SupportKey } from "./support-key.js";

const ui = Object.fromEntries([
  "status", "settings", "settings-summary", "api-key", "error", "notice", "find-form", "search", "member", "name",
  "account-id", "tier", "balance", "tier-progress", "tier-next", "lots", "stamps", "stamps-caption", "rewards", "actions",
  "adjust-form", "adjust-points", "adjust-reason", "adjust-note", "adjust", "merge-form", "merge-search", "merge-find",
  "merge-confirm", "merge-source", "merge-target", "merge-cancel", "merge", "ledger-card", "ledger", "older",
  "liability-show", "liability-csv", "liability", "liability-summary", "liability-rows",
].map((id) => [id.replace(/-(\w)/g, (_, c) => c.toUpperCase()), byId(id)]));

const key = new SupportKey({ defaultKey: DEV_KEY });
const api = supportApi(() => key.value);
const adjustments = new RetryableAction();
const voids = new RetryableAction();

/** @type {MemberFeed | null} */
let feed = null;
/** @type {LiveConnection | null} */
let live = null;
/** The ledger shown: the newest page joined with what was shown before; the cursor of the next older page. */
let ledger = { entries: [], olderLoaded: false, nextBefore: null };

/** Shows an error (or hides it, given null); a refused key opens the settings and says so from the problem details. */
function fail(error) {
  if (refusesKey(error)) {
    ui.settings.open = true;
    error = refusalMessage(error);
  }
  showError(ui.error, error);
  if (error) ui.notice.textContent = "";
}

function notify(message) {
  showError(ui.error, null);
  ui.notice.textContent = message;
}

// ---- The key and the live connection ----

function showSettings() {
  ui.apiKey.value = key.isStored ? key.value : "";
  ui.settingsSummary.textContent = `\u00b7 ${key.describe()}`;
}

function connect() {
  const previous = live;
  const connection = new LiveConnection({
    accessToken: () => key.value,
    headers: api.headers(),
    onEvent: (name, event) => { if (name !== "PromotionAnnounced") feed?.handle(name, event); },
    onConnected: watchCurrent,
    // A connection replaced by a new one (another key) says nothing more: it would say "stopped" over the new one's state.
    onStatus: (state, detail) => { if (live === connection) showStatus(ui.status, state, detail); },
  });
  live = connection;
  previous?.stop();
  if (key.value) live.start();
}

const watchCurrent = () => watchFeed(live, feed, fail);

ui.apiKey.addEventListener("change", () => {
  key.use(ui.apiKey.value);
  fail(null);
  showSettings();
  connect();
  feed?.refresh();
});

// ---- Finding a member ----

/** The member id for what was typed (a card, phone, e-mail or id), or null after saying why there is none. */
async function resolve(text) {
  const identifier = identifierOf(text);
  if (!identifier) {
    if (MEMBER_ID.test(text)) return text;
    fail("Give a card number, a phone number, an e-mail address or a member id (1 to 64 letters, digits, '-' or '_').");
    return null;
  }
  const { member, notFound } = await findMember(identifier, api.headers());
  if (!member) fail(notFound);
  return member?.memberId ?? null;
}

/** The account of the member for what was typed, or null after saying why there is none. */
async function lookUpAccount(text) {
  try {
    const memberId = await resolve(text);
    return memberId ? await api.account(memberId) : null;
  } catch (error) {
    fail(error instanceof ApiError && error.status === 404 ? error.problem?.detail ?? `No member '${text}'.` : error);
    return null;
  }
}

async function find(text) {
  fail(null);
  ui.notice.textContent = "";
  const account = await lookUpAccount(text);
  if (account) openMember(account);
}

function openMember(account) {
  const memberId = account.memberId;
  if (feed?.memberId !== memberId) {
    closeMember();
    ledger = { entries: [], olderLoaded: false, nextBefore: null };
    feed = new MemberFeed({
      memberId,
      readAccount: () => api.account(memberId),
      readActivity: async () => {
        const page = await api.ledger(memberId);
        if (!ledger.olderLoaded) ledger.nextBefore = page.nextBefore;
        return page.entries;
      },
      onAccount: renderAccount,
      onActivity: renderLedger,
      onEvent: () => {},
      onError: fail,
    });
    const url = new URL(location.href);
    url.searchParams.set("member", memberId);
    history.replaceState(null, "", url);
  }
  for (const section of [ui.member, ui.actions, ui.ledgerCard]) section.hidden = false;
  feed.accept(account);
  feed.refresh();
  watchCurrent();
}

function closeMember() {
  const previous = feed;
  feed = null;
  merging?.cancel();
  for (const section of [ui.member, ui.actions, ui.ledgerCard]) section.hidden = true;
  delete ui.balance.dataset.value;
  for (const retry of [adjustments, voids]) retry.forget();
  if (previous) {
    previous.close();
    if (live?.isLive) live.invoke("Unwatch", previous.memberId).catch(() => {});
  }
}

function renderAccount(account) {
  ui.name.textContent = account.name;
  ui.accountId.textContent = account.memberId;
  showNumber(ui.balance, account.points);
  showTier(ui.tier, ui.tierProgress, ui.tierNext, account);
  showExpiry(ui.lots, account);
  showStamps(ui.stamps, ui.stampsCaption, account.stampCards);
  showRewards(ui.rewards, account.rewards);
}

function renderLedger(newest) {
  ledger.entries = ledger.olderLoaded ? joinPages(newest, ledger.entries) : newest;
  showLedger(ui.ledger, ledger.entries, voidRedemption);
  ui.older.hidden = ledger.nextBefore == null;
}

async function showOlder() {
  if (!feed || ledger.nextBefore == null) return;
  ui.older.disabled = true;
  try {
    const page = await api.ledger(feed.memberId, ledger.nextBefore);
    ledger = { entries: joinPages(ledger.entries, page.entries), olderLoaded: true, nextBefore: page.nextBefore };
    showLedger(ui.ledger, ledger.entries, voidRedemption);
    ui.older.hidden = ledger.nextBefore == null;
  } catch (error) {
    fail(error);
  } finally {
    ui.older.disabled = false;
  }
}

// ---- Corrections ----

async function adjust(event) {
  event.preventDefault();
  if (!feed) return;
  const memberId = feed.memberId;
  const amount = Number(ui.adjustPoints.value);
  if (!ui.adjustPoints.value || !Number.isInteger(amount) || amount === 0) return fail("Enter a whole number of points other than 0.");
  const note = ui.adjustNote.value.trim();
  const action = { memberId, points: amount, reason: ui.adjustReason.value, ...(note ? { note } : {}) };
  ui.adjust.disabled = true;
  try {
    const outcome = await runOnce(adjustments, action,
      (transactionId) => api.adjust(memberId, { transactionId, points: amount, reason: action.reason, note: action.note }));
    ui.adjustPoints.value = "";
    ui.adjustNote.value = "";
    notify(`${signedPoints(outcome.points)} points (${reasonLabel(outcome.reason)}): the balance is now ${points(outcome.balance)}.`);
    feed?.refresh();
  } catch (error) {
    fail(error);
  } finally {
    ui.adjust.disabled = false;
    ui.adjust.textContent = adjustments.pending ? "Try again" : "Adjust";
  }
}

async function voidRedemption(entry, button) {
  if (!feed) return;
  const memberId = feed.memberId;
  button.disabled = true;
  try {
    const outcome = await runOnce(voids, { memberId, originalTransactionId: entry.transactionId },
      (transactionId) => api.voidRedemption(memberId, { transactionId, originalTransactionId: entry.transactionId }));
    const back = outcome.rewardRestored ? outcome.rewardRestored.description : `${points(outcome.pointsRestored)} points`;
    notify(`Redemption ${entry.transactionId} voided: ${back} back; the balance is now ${points(outcome.balance)}.`);
    feed?.refresh();
  } catch (error) {
    fail(error);
    button.disabled = false;
  }
}

// ---- Merges ----

const merging = wireMerge({ ui, api, member: () => feed, lookUpAccount, fail, notify });

// ---- Wiring ----

for (const reason of REASONS) {
  const option = el("option", null, reason.label);
  option.value = reason.value;
  ui.adjustReason.append(option);
}
ui.findForm.addEventListener("submit", (event) => {
  event.preventDefault();
  find(ui.search.value.trim());
});
ui.adjustForm.addEventListener("submit", adjust);
ui.older.addEventListener("click", showOlder);
wireLiability(ui, api, fail);

/**
 * Starts with the typed key, or with the Development key where the engine ships it; elsewhere asks for the key. The
 * settings are shown before the engine is asked, so that a key typed meanwhile is not overwritten.
 */
async function start() {
  showSettings();
  if (!key.isStored && !(await isDevelopment()) && !key.isStored) {
    key.defaultKey = "";
    ui.settings.open = true;
    ui.settingsSummary.textContent = `\u00b7 ${key.describe()}`;
    showError(ui.error, NO_KEY_MESSAGE);
  }
  connect();
  const initial = new URLSearchParams(location.search).get("member");
  if (initial && key.value) {
    ui.search.value = initial;
    find(initial);
  } else if (document.activeElement === document.body) {
    ui.search.focus();
  }
}

start();
