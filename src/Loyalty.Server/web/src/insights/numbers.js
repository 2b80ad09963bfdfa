// Shares and months as the page shows them.
const locale = (typeof navigator !== "undefined" && navigator.language) || "en";
const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
const decimalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

/** 0.8123 → "81.2%". */
export const percent = (share) => percentFormat.format(share);
/** "2026-03-01T00:00:00+00:00" → "Mar 2026" (the engine's months are UTC months). */
export const month = (iso) => monthFormat.format(new Date(iso));
export const decimal = (n) => decimalFormat.format(n);
