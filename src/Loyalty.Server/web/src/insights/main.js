// The retention insights page: retention by month, the members at risk and why, the top members' share of the
// revenue, and the lost members with the lifetime value estimate. Read-only; asks for a marketing key like /console.
import "./insights.css";
import { calendarDay, dateTime, money } from "../shared/format.js";
import { keyGate, refused, REFUSED } from "../shared/marketing.js";
import { byId, el, showError } from "../shared/render.js";
import * as api from "./insights-api.js";
import { retentionChart, shareChart } from "./charts.js";
import { decimal, month, percent } from "./numbers.js";

const AT_RISK_PAGE = 50;
/** The member shares the cumulative revenue curve is drawn through. */
const CURVE = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

const REASONS = {
  lapsed: "Lapsed",
  "aov-falling": "Order value falling",
  "category-dropped": "Category dropped",
};

const ui = {
  refresh: byId("refresh"),
  view: byId("insights-view"),
  error: byId("error"),
  asOf: byId("as-of"),
  retention: byId("retention"),
  retentionEmpty: byId("retention-empty"),
  retentionFigure: byId("retention-figure"),
  retentionChart: byId("retention-chart"),
  retentionRows: byId("retention-table").tBodies[0],
  atRisk: byId("at-risk"),
  reasonFilter: byId("reason-filter"),
  atRiskSummary: byId("at-risk-summary"),
  atRiskEmpty: byId("at-risk-empty"),
  atRiskTable: byId("at-risk-table"),
  atRiskRows: byId("at-risk-table").tBodies[0],
  atRiskMore: byId("at-risk-more"),
  top: byId("top"),
  topShare: byId("top-share"),
  topEmpty: byId("top-empty"),
  topContent: byId("top-content"),
  topCount: byId("top-count"),
  topMembers: byId("top-members"),
  topRevenueShare: byId("top-revenue-share"),
  topRevenue: byId("top-revenue"),
  totalRevenue: byId("total-revenue"),
  topChart: byId("top-chart"),
  curveRows: byId("curve-table").tBodies[0],
  topRows: byId("top-table").tBodies[0],
  lost: byId("lost"),
  lostMonths: byId("lost-months"),
  lostSummary: byId("lost-summary"),
  ltvEstimate: byId("ltv-estimate"),
  ltvFormula: byId("ltv-formula"),
  ltvParts: byId("ltv-parts"),
  lostEmpty: byId("lost-empty"),
  lostTable: byId("lost-table"),
  lostRows: byId("lost-table").tBodies[0],
};

/** A value shown as text, with the engine's raw value in data-value (for copying and checking). */
function setValue(element, value, text) {
  element.dataset.value = String(value);
  element.textContent = text;
}

function cell(text, value, className) {
  const td = el("td", className, text);
  if (value !== undefined) td.dataset.value = String(value);
  return td;
}

/** A last row saying how many more there are than the table lists, when there are. */
function appendMore(rows, more, columns) {
  if (more <= 0) return;
  const td = el("td", "muted", `… and ${decimal(more)} more`);
  td.colSpan = columns;
  const row = el("tr", "more");
  row.append(td);
  rows.append(row);
}

function showEmpty(element, table, message) {
  element.hidden = !message;
  if (message) element.textContent = message;
  if (table) table.hidden = Boolean(message);
}

// ---- The key ----

const close = keyGate({
  buttonText: "Open the insights",
  shown: [ui.view, ui.refresh],
  open: async (show) => {
    const retention = await api.retention();
    show();
    await refresh(retention);
  },
});

/**
 * Loads one section: marks it busy meanwhile; a refused key closes the page, any other error shows at the top and
 * leaves the other sections as they are.
 */
async function load(section, work) {
  section.setAttribute("aria-busy", "true");
  try {
    await work();
    section.dataset.loaded = "true";
  } catch (error) {
    if (refused(error)) return close(REFUSED);
    section.dataset.loaded = "failed";
    showError(ui.error, error);
  } finally {
    section.setAttribute("aria-busy", "false");
  }
}

async function refresh(retention) {
  showError(ui.error, null);
  ui.refresh.disabled = true;
  try {
    await Promise.all([
      load(ui.retention, async () => showRetention(retention ?? await api.retention())),
      load(ui.atRisk, () => loadAtRisk(0)),
      load(ui.top, loadTop),
      load(ui.lost, loadLost),
    ]);
  } finally {
    ui.refresh.disabled = false;
  }
}

// ---- Retention ----

function showRetention(answer) {
  ui.asOf.textContent = `Figures as of ${dateTime(answer.asOf)}.`;
  const periods = answer.periods;
  // The current month is not over: it says so, lest its low counts read as members lost.
  const labels = periods.map((p) => (p.partial ? `${month(p.start)} (month to date)` : month(p.start)));
  ui.retentionRows.replaceChildren(...periods.map((p, i) => {
    const row = el("tr");
    row.dataset.start = p.start;
    const head = el("th", null, labels[i]);
    head.scope = "row";
    if (p.partial) {
      row.dataset.partial = "true";
      head.title = `The month so far, through ${calendarDay(p.through)}`;
    }
    row.append(head, cell(decimal(p.active), p.active), cell(decimal(p.retained), p.retained), cell(decimal(p.new), p.new),
      cell(decimal(p.lost), p.lost), cell(p.retentionRate == null ? "—" : percent(p.retentionRate), p.retentionRate ?? ""));
    return row;
  }));
  const any = periods.some((p) => p.active > 0 || p.lost > 0);
  showEmpty(ui.retentionEmpty, null, any ? "" : "No purchases in the last 12 months yet.");
  ui.retentionFigure.hidden = !any;
  if (any) retentionChart(ui.retentionChart, labels, periods);
}

// ---- At risk ----

let atRiskShown = 0;

async function loadAtRisk(offset) {
  const reason = ui.reasonFilter.value;
  const answer = await api.atRisk(reason, AT_RISK_PAGE, offset);
  if (reason !== ui.reasonFilter.value) return; // the filter changed meanwhile; its own call shows
  if (offset === 0) ui.atRiskRows.replaceChildren();
  ui.atRiskRows.append(...answer.members.map(atRiskRow));
  atRiskShown = offset + answer.members.length;
  const which = reason ? ` (${REASONS[reason].toLowerCase()})` : "";
  ui.atRiskSummary.dataset.total = String(answer.total);
  ui.atRiskSummary.dataset.valueAtStake = String(answer.valueAtStake);
  ui.atRiskSummary.textContent = answer.total === 0 ? ""
    : `${decimal(answer.total)} member${answer.total === 1 ? "" : "s"} at risk${which}, ${money(answer.valueAtStake)} a year at stake. ` +
      `Showing ${decimal(atRiskShown)}.`;
  ui.atRiskTable.dataset.reason = reason;
  showEmpty(ui.atRiskEmpty, ui.atRiskTable, answer.total === 0
    ? (reason ? `No member is at risk for this reason: ${REASONS[reason].toLowerCase()}.` : "No member is at risk.")
    : "");
  ui.atRiskMore.hidden = atRiskShown >= answer.total;
}

function atRiskRow(member) {
  const row = el("tr");
  row.dataset.memberId = member.memberId;
  row.dataset.reasons = member.reasons.map((r) => r.kind).join(" ");
  const id = el("th", "mono", member.memberId);
  id.scope = "row";
  const why = el("td");
  const list = el("ul", "reasons");
  for (const reason of member.reasons) {
    const item = el("li");
    item.dataset.kind = reason.kind;
    item.append(el("span", `badge ${reason.kind}`, REASONS[reason.kind] ?? reason.kind), " ", el("span", null, reason.text));
    list.append(item);
  }
  why.append(list);
  row.append(id, why, cell(member.lastOrderAt ? dateTime(member.lastOrderAt) : "—", member.lastOrderAt ?? ""),
    cell(money(member.valueAtStake), member.valueAtStake, "money"));
  return row;
}

// ---- Top members ----

async function loadTop() {
  const share = Number(ui.topShare.value);
  const [answer, ...curve] = await Promise.all([api.topMembers(share, 100), ...CURVE.map((s) => api.topMembers(s, 1))]);
  const empty = answer.members === 0;
  showEmpty(ui.topEmpty, ui.topContent, empty ? "No member has bought anything in the last 12 months yet." : "");
  if (empty) return;
  setValue(ui.topCount, answer.topCount, `${decimal(answer.topCount)} (${percent(answer.share)})`);
  setValue(ui.topMembers, answer.members, decimal(answer.members));
  setValue(ui.topRevenueShare, answer.revenueShare, percent(answer.revenueShare));
  setValue(ui.topRevenue, answer.topRevenue, money(answer.topRevenue));
  setValue(ui.totalRevenue, answer.totalRevenue, money(answer.totalRevenue));

  ui.curveRows.replaceChildren(...curve.map((c) => {
    const row = el("tr");
    row.dataset.share = String(c.share);
    if (Math.abs(c.share - share) < 1e-9) row.className = "chosen";
    const head = el("th", null, `Top ${percent(c.share)}`);
    head.scope = "row";
    row.append(head, cell(decimal(c.topCount), c.topCount), cell(percent(c.revenueShare), c.revenueShare));
    return row;
  }));
  shareChart(ui.topChart, curve, share);

  ui.topRows.replaceChildren(...answer.list.map((m) => {
    const row = el("tr");
    row.dataset.memberId = m.memberId;
    row.append(cell(String(m.rank), m.rank), el("td", "mono", m.memberId), cell(money(m.spend12m), m.spend12m, "money"));
    return row;
  }));
  appendMore(ui.topRows, answer.topCount - answer.list.length, 3);
}

// ---- Lost ----

async function loadLost() {
  const months = Number(ui.lostMonths.value);
  const answer = await api.lost(months, 100);
  ui.lostSummary.dataset.count = String(answer.count);
  ui.lostSummary.dataset.yearlyRevenueLost = String(answer.yearlyRevenueLost);
  ui.lostSummary.textContent = answer.count === 0 ? ""
    : `${decimal(answer.count)} member${answer.count === 1 ? "" : "s"} lost in the last ${months} months, ` +
      `${money(answer.yearlyRevenueLost)} of yearly revenue lost with them.`;
  showEmpty(ui.lostEmpty, ui.lostTable, answer.count === 0 ? `No member was lost in the last ${months} months.` : "");

  const ltv = answer.lifetimeValue;
  setValue(ui.ltvEstimate, ltv.estimate, money(ltv.estimate));
  ui.ltvFormula.textContent = ltv.formula;
  const parts = [
    ["Average yearly value", money(ltv.averageYearlyValue)],
    ["Monthly retention", ltv.monthlyRetention == null ? "no data yet" : percent(ltv.monthlyRetention)],
    ["Yearly churn", percent(ltv.yearlyChurn)],
    ["Expected lifetime", `${decimal(ltv.expectedLifetimeYears)} years`],
  ];
  ui.ltvParts.replaceChildren(...parts.flatMap(([term, value]) => [el("dt", null, term), el("dd", null, value)]));

  ui.lostRows.replaceChildren(...answer.members.map((m) => {
    const row = el("tr");
    row.dataset.memberId = m.memberId;
    const id = el("th", "mono", m.memberId);
    id.scope = "row";
    row.append(id, cell(m.lastOrderAt ? dateTime(m.lastOrderAt) : "—", m.lastOrderAt ?? ""), cell(dateTime(m.lostAt), m.lostAt),
      cell(money(m.yearlyRevenue), m.yearlyRevenue, "money"), cell(money(m.lifetimeSpend), m.lifetimeSpend, "money"));
    return row;
  }));
  appendMore(ui.lostRows, answer.count - answer.members.length, 5);
}

// ---- Wiring ----

ui.refresh.addEventListener("click", () => refresh());
ui.reasonFilter.addEventListener("change", () => load(ui.atRisk, () => loadAtRisk(0)));
ui.atRiskMore.addEventListener("click", () => load(ui.atRisk, () => loadAtRisk(atRiskShown)));
ui.topShare.addEventListener("change", () => load(ui.top, loadTop));
ui.lostMonths.addEventListener("change", () => load(ui.lost, loadLost));
