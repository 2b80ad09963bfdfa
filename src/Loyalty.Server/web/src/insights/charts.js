// The page's two charts, drawn with Chart.js (only the parts they use are bundled). Each chart's figures are also in
// a table next to it, which the canvas names with aria-describedby.
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from "chart.js";
import { percent } from "./numbers.js";

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

const reducedMotion = () => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

/** The page's colours, from its CSS variables (light or dark). */
function palette() {
  const style = getComputedStyle(document.documentElement);
  const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { ink: v("--ink", "#1d2125"), muted: v("--muted", "#62676e"), line: v("--line", "#e3e1db"), accent: v("--accent", "#0d7066"),
    danger: v("--danger", "#b42318"), warn: v("--warn", "#a15c07"), ok: v("--ok", "#067647"), info: v("--info", "#3a64b0") };
}

function common(colors) {
  Chart.defaults.color = colors.muted;
  Chart.defaults.borderColor = colors.line;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  return { responsive: true, maintainAspectRatio: false, animation: reducedMotion() ? false : { duration: 300 } };
}

/** Draws (or redraws) a chart on a canvas, and marks the canvas with what it shows (data-points). */
function draw(canvas, config, points) {
  Chart.getChart(canvas)?.destroy();
  const chart = new Chart(canvas, config);
  canvas.dataset.points = String(points);
  return chart;
}

/** Active, retained, new and lost members as bars per month, the retention rate as a line on its own axis. */
export function retentionChart(canvas, labels, periods) {
  const c = palette();
  const options = common(c);
  return draw(canvas, {
    data: {
      labels,
      datasets: [
        { type: "bar", label: "Active", data: periods.map((p) => p.active), backgroundColor: c.accent, yAxisID: "members", order: 2 },
        { type: "bar", label: "Retained", data: periods.map((p) => p.retained), backgroundColor: c.info, yAxisID: "members", order: 2 },
        { type: "bar", label: "New", data: periods.map((p) => p.new), backgroundColor: c.ok, yAxisID: "members", order: 2 },
        { type: "bar", label: "Lost", data: periods.map((p) => p.lost), backgroundColor: c.danger, yAxisID: "members", order: 2 },
        {
          type: "line", label: "Retention rate", data: periods.map((p) => p.retentionRate), borderColor: c.warn, backgroundColor: c.warn,
          yAxisID: "rate", order: 1, spanGaps: false, tension: 0.2, pointRadius: 3,
        },
      ],
    },
    options: {
      ...options,
      interaction: { mode: "index", intersect: false },
      scales: {
        members: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: "Members" }, ticks: { precision: 0 } },
        rate: {
          type: "linear", position: "right", min: 0, max: 1, grid: { drawOnChartArea: false },
          title: { display: true, text: "Retention rate" }, ticks: { callback: (v) => percent(v) },
        },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: (ctx) => ctx.dataset.yAxisID === "rate"
          ? `${ctx.dataset.label}: ${ctx.raw == null ? "no data" : percent(ctx.raw)}`
          : `${ctx.dataset.label}: ${ctx.formattedValue}` } },
      },
    },
  }, periods.length);
}

/** The cumulative share of revenue (y) brought by the top share of members (x), from 0 to everyone; the chosen share highlighted. */
export function shareChart(canvas, curve, chosen) {
  const c = palette();
  const options = common(c);
  const points = [{ x: 0, y: 0 }, ...curve.map((p) => ({ x: p.share, y: p.revenueShare }))];
  return draw(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: "Share of the 12-month revenue", data: points, borderColor: c.accent, backgroundColor: `${c.accent}33`, fill: "origin",
          tension: 0.15, pointRadius: points.map((p) => (Math.abs(p.x - chosen) < 1e-9 ? 6 : 2)),
          pointBackgroundColor: points.map((p) => (Math.abs(p.x - chosen) < 1e-9 ? c.warn : c.accent)),
        },
        { label: "Every member bringing the same", data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: c.muted, borderDash: [4, 4], pointRadius: 0, fill: false },
      ],
    },
    options: {
      ...options,
      parsing: false,
      scales: {
        x: { type: "linear", min: 0, max: 1, title: { display: true, text: "Top share of members" }, ticks: { callback: (v) => percent(v) } },
        y: { type: "linear", min: 0, max: 1, title: { display: true, text: "Share of revenue" }, ticks: { callback: (v) => percent(v) } },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: (ctx) => `Top ${percent(ctx.raw.x)} of members: ${percent(ctx.raw.y)} of the revenue` } },
      },
    },
  }, curve.length);
}
