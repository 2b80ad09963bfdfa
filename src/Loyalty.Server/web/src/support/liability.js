// The points liability overview (GET /api/reports/points-liability): the points members hold and the points still
// pending, by the month they expire, with their value; the total; what members owe; and the same as CSV.
import { points } from "../shared/format.js";
import { el } from "../shared/render.js";

const locale = (typeof navigator !== "undefined" && navigator.language) || "en";
const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });

/** "2027-01" as "Jan 2027". */
export const monthLabel = (month) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** An amount of the report's currency (EUR when the report names none). */
export const value = (amount, currency) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: currency || "EUR" }).format(Number(amount ?? 0));

/** The report as table rows, `[label, outstanding points, its value, pending points, its value]`, months then the total. Pure. */
export function liabilityRows(report) {
  const row = (label, outstanding, pending) => [label, points(outstanding?.points ?? 0), value(outstanding?.value, report.currency),
    points(pending?.points ?? 0), value(pending?.value, report.currency)];
  return [...(report.months ?? []).map((m) => row(monthLabel(m.month), m.outstanding, m.pending)),
    row("Total", report.outstanding, report.pending)];
}

/** Fills the table body and the summary line. */
export function showLiability(body, summary, report) {
  body.replaceChildren();
  for (const cells of liabilityRows(report)) {
    const tr = el("tr");
    tr.append(el("th", null, cells[0]), ...cells.slice(1).map((cell) => el("td", null, cell)));
    tr.firstChild.scope = "row";
    body.append(tr);
  }
  const owed = report.debt?.points ? ` Members owe ${points(report.debt.points)} points (${value(report.debt.value, report.currency)}).` : "";
  summary.textContent = `One point is worth ${value(report.pointValue, report.currency)}.${owed}`;
}

/** The liability card's buttons: show the report, or download it as CSV. */
export function wireLiability(ui, api, fail) {
  ui.liabilityShow.addEventListener("click", async () => {
    ui.liabilityShow.disabled = true;
    try {
      showLiability(ui.liabilityRows, ui.liabilitySummary, await api.liability());
      ui.liability.hidden = false;
    } catch (error) {
      fail(error);
    } finally {
      ui.liabilityShow.disabled = false;
    }
  });
  ui.liabilityCsv.addEventListener("click", async () => {
    try {
      const link = el("a");
      link.href = URL.createObjectURL(new Blob([await api.liabilityCsv()], { type: "text/csv" }));
      link.download = "points-liability.csv";
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    } catch (error) {
      fail(error);
    }
  });
}
