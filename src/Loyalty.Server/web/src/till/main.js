// The till: find (or enrol) the customer, ring up a sale, redeem, and watch the account live through the hub.
import "./till.css";
import { ApiError, callApi, isDevelopment, MEMBER_ID, memberPath, newTransactionId } from "../shared/api.js";
import { MemberFeed } from "../shared/feed.js";
import { money, points, signedPoints } from "../shared/format.js";
import { LiveConnection, showStatus, watchFeed } from "../shared/live.js";
import {
  byId, el, rewardLabel, showActivity, showError, showExpiring, showPending, showNumber, showRewards, showStamps, showTier,
} from "../shared/render.js";
import { enrolBody, issueCard, newMemberId } from "./enrol.js";
import { cardText, findMember, identifierOf } from "../shared/lookup.js";
import { PRODUCTS } from "./products.js";
import { NO_KEY_MESSAGE, SIGNED_OUT_MESSAGE, TillSession } from "./session.js";

const STORE_STORAGE = "loyalty.till.storeId";
/** The Development environment's till key: the page's key until another is typed, where the engine ships it. */
const DEFAULT_KEY = "dev-till-key";
const DEFAULT_STORE = "S-01";
const ACTIVITY_LIMIT = 5;

const ui = {
  status: byId("status"),
  settingsSummary: byId("settings-summary"),
  apiKey: byId("api-key"),
  storeId: byId("store-id"),
  error: byId("error"),
  lookupForm: byId("lookup-form"),
  memberId: byId("member-id"),
  newMember: byId("new-member"),
  enrolForm: byId("enrol-form"),
  enrolNote: byId("enrol-note"),
  enrolId: byId("enrol-id"),
  enrolName: byId("enrol-name"),
  enrolEmail: byId("enrol-email"),
  enrolPhone: byId("enrol-phone"),
  enrolCard: byId("enrol-card"),
  enrolBirth: byId("enrol-birth"),
  enrolCancel: byId("enrol-cancel"),
  member: byId("member"),
  memberExtras: byId("member-extras"),
  name: byId("name"),
  accountId: byId("account-id"),
  tier: byId("tier"),
  balance: byId("balance"),
  tierProgress: byId("tier-progress"),
  tierNext: byId("tier-next"),
  expiring: byId("expiring"),
  pending: byId("pending"),
  stamps: byId("stamps"),
  stampsCaption: byId("stamps-caption"),
  rewards: byId("rewards"),
  redeemForm: byId("redeem-points-form"),
  redeemPoints: byId("redeem-points"),
  activity: byId("activity"),
  products: byId("products"),
  total: byId("total"),
  clear: byId("clear-basket"),
  ringUp: byId("ring-up"),
  saleHint: byId("sale-hint"),
  result: byId("result"),
};

/** The till's credential: an enrolled till's session token, or a configured key (see session.js). */
const session = new TillSession({ defaultKey: DEFAULT_KEY });
const settings = {
  storeId: localStorage.getItem(STORE_STORAGE) ?? DEFAULT_STORE,
};

/** sku → quantity */
const basket = new Map(PRODUCTS.map((p) => [p.sku, 0]));
/** @type {MemberFeed | null} */
let feed = null;
/** @type {LiveConnection | null} */
let live = null;
let busy = false;
/** A sale that failed in a way worth retrying keeps its transaction id, so that a retry can never count twice. */
let pending = null;

const tillHeaders = () => ({ "X-Api-Key": session.credential });

/** Shows an error (or hides it, given null), with a button that dismisses it. A refused session signs the till out. */
function fail(error) {
  if (error instanceof ApiError && error.status === 401 && session.session) session.endSession();
  if (error && session.ended) {
    if (error instanceof ApiError) error = SIGNED_OUT_MESSAGE;
    byId("settings").open = true;
    showSettings();
  }
  showError(ui.error, error);
  if (!error) return;
  const dismiss = el("button", "dismiss", "\u00d7");
  dismiss.type = "button";
  dismiss.setAttribute("aria-label", "Dismiss");
  dismiss.addEventListener("click", () => showError(ui.error, null));
  ui.error.append(dismiss);
}

// ---- Settings and the live connection ----

function showSettings() {
  ui.apiKey.value = session.session ? "" : session.credential; // a configured key as before; never a till's key or token
  ui.storeId.value = settings.storeId;
  ui.settingsSummary.textContent = `\u00b7 store ${settings.storeId} \u00b7 ${session.describe()}`;
}

function connect() {
  const previous = live;
  live = new LiveConnection({
    accessToken: () => session.credential,
    headers: tillHeaders(),
    onEvent: (name, e) => { if (name !== "PromotionAnnounced") feed?.handle(name, e); },
    onConnected: watchCurrent,
    onStatus: (state, detail) => {
      showStatus(ui.status, state, detail);
      // A revoked till's connection is closed and its reconnection refused: the page says so without waiting for a call.
      if (state === "refused" && session.session && !session.ended) fail(new ApiError(401, { title: "Unauthorized", detail }));
    },
  });
  previous?.stop();
  live.start();
}

const watchCurrent = () => watchFeed(live, feed, fail);

ui.apiKey.addEventListener("change", async () => {
  const key = ui.apiKey.value.trim();
  try {
    await session.useKey(key);
    fail(null);
  } catch (error) {
    fail(new Error(`That key was not accepted (${error.message}).`)); // the key's refusal, not the session's
  }
  showSettings();
  connect();
  feed?.refresh();
});
ui.storeId.addEventListener("change", () => {
  settings.storeId = ui.storeId.value.trim() || DEFAULT_STORE;
  localStorage.setItem(STORE_STORAGE, settings.storeId);
  showSettings();
});

// ---- The customer ----

async function lookUp(text) {
  fail(null);
  const identifier = identifierOf(text);
  let memberId = text;
  if (identifier) {
    try {
      const { member, notFound } = await findMember(identifier, tillHeaders());
      if (!member) return noOneHas(identifier, notFound);
      memberId = member.memberId;
    } catch (error) {
      return fail(error);
    }
  } else if (!MEMBER_ID.test(memberId)) {
    fail("Scan or type a card number, or give a phone number, an e-mail address or a member id (1 to 64 letters, digits, '-' or '_').");
    return;
  }
  let account;
  try {
    account = await callApi(memberPath(memberId), { headers: tillHeaders() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      closeMember();
      openEnrol(memberId, `No member '${memberId}' is enrolled yet.`);
    } else {
      fail(error);
    }
    return;
  }
  openMember(account);
}

function openMember(account) {
  const memberId = account.memberId;
  if (feed?.memberId !== memberId) {
    closeMember();
    feed = new MemberFeed({
      memberId,
      readAccount: () => callApi(memberPath(memberId), { headers: tillHeaders() }),
      readActivity: async () => (await callApi(`${memberPath(memberId)}/activity?limit=${ACTIVITY_LIMIT}`, { headers: tillHeaders() })).entries,
      onAccount: renderAccount,
      onActivity: (entries) => showActivity(ui.activity, entries),
      onEvent: () => {},
      onError: (error) => fail(error),
    });
    ui.result.hidden = true;
    const url = new URL(location.href);
    url.searchParams.set("member", memberId);
    history.replaceState(null, "", url);
  }
  ui.enrolForm.hidden = true;
  ui.member.hidden = false;
  ui.memberExtras.hidden = false;
  feed.accept(account);
  feed.refresh();
  watchCurrent();
  updateSale();
}

function closeMember() {
  const previous = feed;
  feed = null;
  ui.member.hidden = true;
  ui.memberExtras.hidden = true;
  delete ui.balance.dataset.value;
  pending = null;
  if (previous) {
    previous.close();
    if (live?.isLive) live.invoke("Unwatch", previous.memberId).catch(() => {});
  }
  updateSale();
}

function renderAccount(account) {
  ui.name.textContent = account.name;
  ui.accountId.textContent = account.memberId;
  showNumber(ui.balance, account.points);
  showTier(ui.tier, ui.tierProgress, ui.tierNext, account);
  showExpiring(ui.expiring, account.pointsExpiringNext);
  showPending(ui.pending, account);
  showStamps(ui.stamps, ui.stampsCaption, account.stampCards);
  showRewards(ui.rewards, account.rewards, redeemReward);
}

/** Nobody has the card, phone or e-mail: say so; for a phone or an e-mail, offer to enrol the customer with it. */
function noOneHas(identifier, notFound) {
  closeMember();
  if (identifier.field === "card") return fail(notFound);
  openEnrol("", notFound);
  (identifier.field === "phone" ? ui.enrolPhone : ui.enrolEmail).value = identifier.value;
}

function openEnrol(memberId, note) {
  ui.enrolNote.textContent = note ?? "";
  ui.enrolId.value = memberId || newMemberId();
  ui.enrolName.value = "";
  ui.enrolEmail.value = "";
  ui.enrolPhone.value = "";
  ui.enrolBirth.value = "";
  ui.enrolForm.hidden = false;
  ui.enrolName.focus();
}

async function enrol(event) {
  event.preventDefault();
  const memberId = ui.enrolId.value.trim();
  const body = enrolBody({ name: ui.enrolName.value, email: ui.enrolEmail.value, phone: ui.enrolPhone.value, birthDate: ui.enrolBirth.value });
  if (!MEMBER_ID.test(memberId)) return fail("A member id is 1 to 64 letters, digits, '-' or '_'.");
  await run(async () => {
    const account = await callApi(memberPath(memberId), { method: "PUT", body, headers: tillHeaders() });
    ui.memberId.value = memberId;
    openMember(account);
    const rows = [["Enrolled", `${account.name} (${account.memberId})`]];
    if (ui.enrolCard.checked) rows.push(["Card number", cardText(await issueCard(memberId, tillHeaders()))]);
    showResult(rows, "enrolled");
  });
}

// ---- The sale ----

function renderProducts() {
  ui.products.replaceChildren();
  for (const product of PRODUCTS) {
    const item = el("li", "product");
    item.dataset.testid = `product-${product.sku}`;
    item.dataset.sku = product.sku;
    const text = el("div", "product-text");
    text.append(el("strong", null, product.name), el("small", null, `${money(product.unitPrice)} \u00b7 ${product.category}`));
    const minus = el("button", "step secondary", "\u2212");
    minus.type = "button";
    minus.setAttribute("aria-label", `One ${product.name} less`);
    minus.dataset.testid = `less-${product.sku}`;
    minus.disabled = true;
    const quantity = el("output", "quantity", "0");
    quantity.id = `qty-${product.sku}`;
    quantity.setAttribute("aria-label", `${product.name} quantity`);
    const plus = el("button", "step", "+");
    plus.type = "button";
    plus.setAttribute("aria-label", `One ${product.name} more`);
    plus.dataset.testid = `add-${product.sku}`;
    minus.addEventListener("click", () => setQuantity(product.sku, basket.get(product.sku) - 1));
    plus.addEventListener("click", () => setQuantity(product.sku, basket.get(product.sku) + 1));
    item.append(text, minus, quantity, plus);
    ui.products.append(item);
  }
}

function setQuantity(sku, quantity) {
  const value = Math.max(0, Math.min(99, quantity));
  basket.set(sku, value);
  const output = byId(`qty-${sku}`);
  output.textContent = String(value);
  const item = output.closest("li");
  item.classList.toggle("chosen", value > 0);
  item.querySelector(".step.secondary").disabled = value === 0;
  pending = null;
  updateSale();
}

function saleLines() {
  return PRODUCTS.filter((p) => basket.get(p.sku) > 0)
    .map((p) => ({ sku: p.sku, category: p.category, quantity: basket.get(p.sku), unitPrice: p.unitPrice }));
}

function updateSale() {
  const lines = saleLines();
  const total = lines.reduce((sum, l) => sum + Math.round(l.unitPrice * 100) * l.quantity, 0) / 100;
  ui.total.textContent = money(total);
  ui.total.dataset.value = total.toFixed(2);
  ui.ringUp.disabled = busy || !feed || lines.length === 0;
  ui.clear.disabled = busy || lines.length === 0;
  ui.ringUp.textContent = pending ? "Try again" : "Ring up";
  ui.saleHint.textContent = !feed ? "Find the customer first." : lines.length === 0 ? "Add products to the sale." : "";
}

async function ringUp() {
  if (!feed) return;
  const memberId = feed.memberId;
  const lines = saleLines();
  if (lines.length === 0) return;
  pending ??= { transactionId: newTransactionId() };
  const body = { transactionId: pending.transactionId, storeId: settings.storeId, lines };
  await run(async () => {
    const outcome = await callApi(`${memberPath(memberId)}/purchases`, { method: "POST", body, headers: tillHeaders() });
    pending = null;
    for (const sku of basket.keys()) setQuantity(sku, 0);
    const rows = [
      ["Points earned", signedPoints(outcome.pointsEarned)],
      ["New balance", points(outcome.balance)],
    ];
    for (const reward of outcome.rewardsIssued ?? []) rows.push(["Reward issued", rewardLabel(reward)]);
    for (const promotion of outcome.promotionsApplied ?? []) rows.push(["Promotion", promotionText(promotion)]);
    if (outcome.tierChanged) rows.push(["Tier", `Now ${outcome.tier}`]);
    if (outcome.duplicate) rows.push(["Note", "Already recorded: nothing added again"]);
    showResult(rows, "sale", outcome);
    feed?.refresh();
  }, (error) => {
    if (!(error instanceof ApiError && error.retryable)) pending = null;
  });
}

/** "Double points on coffee (+6 points, +1 stamp)": a promotion applied to the sale. */
function promotionText(promotion) {
  const gains = [`${signedPoints(promotion.points)} points`];
  if (promotion.stamps) gains.push(`${signedPoints(promotion.stamps)} stamp${promotion.stamps === 1 ? "" : "s"}`);
  return `${promotion.name} (${gains.join(", ")})`;
}

async function redeemReward(reward, button) {
  if (!feed) return;
  const memberId = feed.memberId;
  button.disabled = true;
  const body = { transactionId: newTransactionId(), storeId: settings.storeId, rewardId: reward.rewardId };
  await run(async () => {
    const outcome = await callApi(`${memberPath(memberId)}/redemptions`, { method: "POST", body, headers: tillHeaders() });
    showResult([["Redeemed", outcome.rewardRedeemed?.description ?? reward.description], ["Balance", points(outcome.balance)]], "redemption", outcome);
    feed?.refresh();
  });
  button.disabled = false;
}

async function redeemPoints(event) {
  event.preventDefault();
  if (!feed) return;
  const memberId = feed.memberId;
  const amount = Number(ui.redeemPoints.value);
  if (!Number.isInteger(amount) || amount < 1) return fail("Enter a whole number of points (1 or more).");
  const body = { transactionId: newTransactionId(), storeId: settings.storeId, points: amount };
  await run(async () => {
    const outcome = await callApi(`${memberPath(memberId)}/redemptions`, { method: "POST", body, headers: tillHeaders() });
    ui.redeemPoints.value = "";
    showResult([["Points redeemed", points(outcome.pointsRedeemed)], ["Balance", points(outcome.balance)]], "redemption", outcome);
    feed?.refresh();
  });
}

/** Runs a till action: one at a time, its error shown from the problem details. */
async function run(action, onError) {
  if (busy) return;
  busy = true;
  fail(null);
  updateSale();
  try {
    await action();
  } catch (error) {
    onError?.(error);
    fail(error);
  } finally {
    busy = false;
    updateSale();
  }
}

function showResult(rows, kind = "info", outcome = null) {
  ui.result.replaceChildren();
  ui.result.dataset.kind = kind;
  if (outcome?.transactionId) ui.result.dataset.transactionId = outcome.transactionId;
  const list = el("dl");
  for (const [term, value] of rows) {
    const row = el("div");
    row.append(el("dt", null, term), el("dd", null, value));
    list.append(row);
  }
  ui.result.append(list);
  ui.result.hidden = false;
}

// ---- Wiring ----

ui.lookupForm.addEventListener("submit", (event) => {
  event.preventDefault();
  lookUp(ui.memberId.value.trim());
});
ui.newMember.addEventListener("click", () => {
  closeMember();
  openEnrol("", "");
});
ui.enrolForm.addEventListener("submit", enrol);
ui.enrolCancel.addEventListener("click", () => { ui.enrolForm.hidden = true; });
ui.redeemForm.addEventListener("submit", redeemPoints);
ui.ringUp.addEventListener("click", ringUp);
ui.clear.addEventListener("click", () => { for (const sku of basket.keys()) setQuantity(sku, 0); });

/**
 * Connects with the till's credential. A till opened for the first time uses the default key only where the engine
 * ships it (Development, whose API document lists /api/dev/tokens); elsewhere it asks for the till's key first.
 */
async function start() {
  if (!session.hasStoredCredential && !(await isDevelopment())) {
    session.defaultKey = "";
    showSettings();
    byId("settings").open = true;
    showError(ui.error, NO_KEY_MESSAGE);
    return; // connects once a key is typed
  }
  connect();
  if (session.ended) fail(SIGNED_OUT_MESSAGE);
}

showSettings();
renderProducts();
updateSale();
start();

const initial = new URLSearchParams(location.search).get("member");
if (initial) {
  ui.memberId.value = initial;
  lookUp(initial);
} else {
  ui.memberId.focus();
}
