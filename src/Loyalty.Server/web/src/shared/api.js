// The engine's HTTP API: JSON in and out, and RFC 9457 problem details as errors.

export class ApiError extends Error {
  /** @param {number} status 0 when the engine could not be reached. @param {object} problem */
  constructor(status, problem) {
    super(describeProblem(problem));
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Whether sending the same request again (same transaction id) may succeed. */
  get retryable() {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** One line for a problem: its title, then its detail. */
export function describeProblem(problem) {
  const title = problem?.title || "The request failed";
  return problem?.detail ? `${title}: ${problem.detail}` : title;
}

/** The field errors of a validation problem as "field: message" lines. */
export function problemErrors(problem) {
  const errors = problem?.errors;
  if (!errors || typeof errors !== "object") return [];
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [String(messages)]).map((m) => (field ? `${field}: ${m}` : m)));
}

/**
 * Calls the engine. Resolves to the JSON answer (null when empty), or with `text: true` to the answer's text (a CSV);
 * rejects with an ApiError.
 * @param {string} path @param {{ method?: string, body?: unknown, headers?: Record<string, string>, text?: boolean }} [options]
 */
export async function callApi(path, { method = "GET", body, headers = {}, text: asText = false } = {}) {
  const init = { method, headers: { Accept: "application/json, application/problem+json", ...headers }, cache: "no-store" };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, { title: "The engine could not be reached", detail: error?.message });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const problem = json && typeof json === "object" ? json : { title: `${response.status} ${response.statusText}`.trim() };
    throw new ApiError(response.status, problem);
  }
  return asText ? text : json;
}

/** A fresh idempotency key for a till transaction (also outside secure contexts, where randomUUID is missing). */
export function newTransactionId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether the engine runs in Development (its API document lists /api/dev/tokens), where it ships its dev keys. */
export async function isDevelopment() {
  try {
    return Boolean((await callApi("/openapi/v1.json"))?.paths?.["/api/dev/tokens"]);
  } catch {
    return false;
  }
}

export const memberPath = (memberId) => `/api/members/${encodeURIComponent(memberId)}`;

/** Member ids: 1 to 64 letters, digits, '-' and '_'. */
export const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
