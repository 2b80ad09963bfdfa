// The marketing console: clubs (create, update, members), promotions (list, create, end) and the audit logs.
import "./console.css";
import { ApiError, MEMBER_ID } from "../shared/api.js";
import { byId, showError } from "../shared/render.js";
import { keyGate, refused, REFUSED } from "../shared/marketing.js";
import * as api from "./console-api.js";
import { showAudit } from "./audit.js";
import { fillClubSelect, showClubs } from "./clubs.js";
import { clearErrors, showErrors } from "./form-errors.js";
import { promotionBody, showPromotions, toLocalInput } from "./promotions.js";

const DEFAULT_DAYS = 3;

const ui = {
  consoleView: byId("console-view"),
  error: byId("error"),
  notice: byId("notice"),
  clubs: byId("clubs"),
  clubForm: byId("club-form"),
  clubFormError: byId("club-form-error"),
  clubId: byId("club-id"),
  clubName: byId("club-name"),
  clubDescription: byId("club-description"),
  membershipForm: byId("membership-form"),
  membershipClub: byId("membership-club"),
  membershipMember: byId("membership-member"),
  removeMember: byId("remove-member"),
  promotionsFilter: byId("promotions-filter"),
  promotions: byId("promotions"),
  promotionForm: byId("promotion-form"),
  promotionFormError: byId("promotion-form-error"),
  promoStarts: byId("promo-starts"),
  promoEnds: byId("promo-ends"),
  promoClub: byId("promo-club"),
  loadAudit: byId("load-audit"),
  audit: byId("audit"),
  promotionAudit: byId("promotion-audit"),
  clubAudit: byId("club-audit"),
};

/** club id → name, for the promotions' audiences */
let clubNames = new Map();

function notify(message) {
  ui.notice.textContent = message;
}

/** A refused key closes the console; any other error shows at the top. */
function fail(error) {
  if (refused(error)) return close(REFUSED);
  showError(ui.error, error);
}

// ---- The key ----

const close = keyGate({
  buttonText: "Open the console",
  shown: [ui.consoleView],
  open: async (show) => {
    await api.listPromotions("true");
    show();
    resetPromotionForm();
    await refresh();
  },
});

// ---- Clubs ----

async function refreshClubs() {
  const clubs = await api.listClubs();
  clubNames = new Map(clubs.map((c) => [c.clubId, c.name]));
  showClubs(ui.clubs, clubs, editClub);
  fillClubSelect(ui.membershipClub, clubs);
  fillClubSelect(ui.promoClub, clubs, "Any (no club needed)");
}

function editClub(club) {
  ui.clubId.value = club.clubId;
  ui.clubName.value = club.name;
  ui.clubDescription.value = club.description ?? "";
  ui.clubName.focus();
}

async function saveClub(event) {
  event.preventDefault();
  const clubId = ui.clubId.value.trim();
  const body = { name: ui.clubName.value.trim(), description: ui.clubDescription.value.trim() || null };
  clearErrors(ui.clubForm, ui.clubFormError);
  if (!MEMBER_ID.test(clubId)) {
    const problem = { title: "Some fields need a change", errors: { clubId: ["A club id is 1 to 64 letters, digits, '-' or '_'."] } };
    return showErrors(ui.clubForm, ui.clubFormError, new ApiError(400, problem));
  }
  try {
    const club = await api.putClub(clubId, body);
    notify(`Club '${club.name}' saved.`);
    ui.clubForm.reset();
    await refresh();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) showErrors(ui.clubForm, ui.clubFormError, error);
    else fail(error);
  }
}

async function changeMembership(join) {
  const clubId = ui.membershipClub.value;
  const memberId = ui.membershipMember.value.trim();
  showError(ui.error, null);
  if (!clubId) return showError(ui.error, "Create a club first.");
  if (!MEMBER_ID.test(memberId)) return showError(ui.error, "A member id is 1 to 64 letters, digits, '-' or '_'.");
  try {
    const outcome = join ? await api.joinClub(clubId, memberId) : await api.leaveClub(clubId, memberId);
    const club = clubNames.get(clubId) ?? clubId;
    notify(join
      ? (outcome.changed ? `${memberId} joined ${club}.` : `${memberId} was already in ${club}.`)
      : (outcome.changed ? `${memberId} left ${club}.` : `${memberId} was not in ${club}.`));
  } catch (error) {
    fail(error);
  }
}

// ---- Promotions ----

async function refreshPromotions() {
  showPromotions(ui.promotions, await api.listPromotions(ui.promotionsFilter.value), clubNames, end);
}

function resetPromotionForm() {
  ui.promotionForm.reset();
  const now = new Date();
  ui.promoStarts.value = toLocalInput(now);
  ui.promoEnds.value = toLocalInput(new Date(now.getTime() + DEFAULT_DAYS * 86_400_000));
  clearErrors(ui.promotionForm, ui.promotionFormError);
}

async function create(event) {
  event.preventDefault();
  clearErrors(ui.promotionForm, ui.promotionFormError);
  try {
    const created = await api.createPromotion(promotionBody(ui.promotionForm));
    notify(`Promotion '${created.name}' created (${created.status}).`);
    resetPromotionForm();
    await refresh();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) showErrors(ui.promotionForm, ui.promotionFormError, error);
    else fail(error);
  }
}

async function end(promotion, button) {
  button.disabled = true;
  try {
    await api.endPromotion(promotion.id);
    notify(`Promotion '${promotion.name}' ended.`);
    await refresh();
  } catch (error) {
    button.disabled = false;
    fail(error);
  }
}

// ---- Audit ----

async function refreshAudit() {
  if (ui.audit.hidden) return;
  const [promotions, clubs] = await Promise.all([api.promotionAudit(), api.clubAudit()]);
  showAudit(ui.promotionAudit, promotions.entries, (e) => e.promotion.name);
  showAudit(ui.clubAudit, clubs.entries, (e) => `${e.club.name} (${e.club.clubId})`);
}

async function refresh() {
  try {
    await refreshClubs();
    await Promise.all([refreshPromotions(), refreshAudit()]);
  } catch (error) {
    fail(error);
  }
}

// ---- Wiring ----

ui.clubForm.addEventListener("submit", saveClub);
ui.membershipForm.addEventListener("submit", (event) => {
  event.preventDefault();
  changeMembership(true);
});
ui.removeMember.addEventListener("click", () => changeMembership(false));
ui.promotionsFilter.addEventListener("change", () => refreshPromotions().catch(fail));
ui.promotionForm.addEventListener("submit", create);
ui.loadAudit.addEventListener("click", () => {
  ui.audit.hidden = false;
  ui.loadAudit.textContent = "Refresh the audit log";
  refreshAudit().catch(fail);
});
