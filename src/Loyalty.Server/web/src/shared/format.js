// Numbers, money and dates in the reader's language. Amounts are in the programme's currency.
export const CURRENCY = "EUR";

const locale = (typeof navigator !== "undefined" && navigator.language) || "en";
const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const currency = new Intl.NumberFormat(locale, { style: "currency", currency: CURRENCY });
const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

export const points = (n) => whole.format(n);
export const money = (n) => currency.format(n);

/** +12, −5 or 0, with a real minus sign. */
export const signedPoints = (n) => (n > 0 ? `+${points(n)}` : n < 0 ? `\u2212${points(-n)}` : "0");

/** A calendar day ("2027-01-31") as the engine means it: a UTC day. */
export const calendarDay = (isoDay) => day.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));

export const dateTime = (iso) => moment.format(new Date(iso));
