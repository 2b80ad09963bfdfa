// The till's credential. An enrolled till's key ("till_...") is typed once and exchanged for a short-lived session
// token (POST /api/tills/sessions); only the token is kept in localStorage, never the key. A configured key (one of
// Loyalty:Auth:ApiKeys, which cannot be exchanged) is kept as before. When the token expires or is refused, the page
// asks for the key again.
import { ApiError, callApi } from "../shared/api.js";

export const SESSION_STORAGE = "loyalty.till.session";
export const KEY_STORAGE = "loyalty.till.apiKey";
export const ENROLLED_KEY_PREFIX = "till_";

/**
 * A new session is known to the other nodes of a cluster within their refresh interval (2 s): a refusal in its first
 * seconds does not end it (the next try, on a node that knows it, succeeds).
 */
export const NEW_SESSION_GRACE_MS = 5000;

export const NO_KEY_MESSAGE = "This till has no key yet: type the till's key in the settings.";

export const SIGNED_OUT_MESSAGE =
  "This till is signed out: its session has expired or the till was revoked. Type the till's key in the settings to sign in again.";

export class TillSession {
  /**
   * @param {{ storage?: Storage, call?: typeof callApi, now?: () => number, defaultKey?: string }} [options]
   */
  constructor({ storage = localStorage, call = callApi, now = () => Date.now(), defaultKey = "" } = {}) {
    this.storage = storage;
    this.call = call;
    this.now = now;
    this.defaultKey = defaultKey;
  }

  /** The stored session `{ token, expiresAt }`, or null. */
  get session() {
    try {
      const stored = JSON.parse(this.storage.getItem(SESSION_STORAGE) ?? "null");
      return stored && typeof stored.token === "string" && typeof stored.expiresAt === "string" ? stored : null;
    } catch {
      return null;
    }
  }

  /** Whether a session was stored and has ended: its time is up, or the engine refused it. */
  get ended() {
    const session = this.session;
    return session !== null && (session.ended === true || Date.parse(session.expiresAt) <= this.now());
  }

  /**
   * What the till sends as X-Api-Key (and as the hub's access token): the live session token, else a configured key;
   * nothing once a session has ended (the page never falls back to another key by itself).
   */
  get credential() {
    const session = this.session;
    if (session) return this.ended ? "" : session.token;
    return this.storage.getItem(KEY_STORAGE) ?? this.defaultKey;
  }

  /** Whether this browser holds a credential of its own (a session, ended or not, or a typed key), not the default. */
  get hasStoredCredential() {
    return this.session !== null || this.storage.getItem(KEY_STORAGE) !== null;
  }

  /** A short description for the settings summary. */
  describe() {
    const session = this.session;
    if (session) return this.ended ? "signed out" : `session until ${new Date(session.expiresAt).toLocaleTimeString()}`;
    const key = this.credential;
    return key ? `key ${key.slice(0, 4)}\u2026` : "no key";
  }

  /**
   * Signs the till in with a typed key: an enrolled till's key is exchanged for a session token (the key itself is
   * not kept); any other key is kept as a configured key. Rejects with the engine's ApiError when the key is refused.
   */
  async useKey(key) {
    if (key.startsWith(ENROLLED_KEY_PREFIX)) {
      try {
        const { token, expiresAt } = await this.call("/api/tills/sessions", { method: "POST", headers: { "X-Api-Key": key } });
        this.storage.setItem(SESSION_STORAGE, JSON.stringify({ token, expiresAt, startedAt: this.now() }));
        this.storage.removeItem(KEY_STORAGE);
        return;
      } catch (error) {
        // 403: a valid key that is not an enrolled till's (a configured key that happens to look like one).
        if (!(error instanceof ApiError && error.status === 403)) throw error;
      }
    }
    this.storage.setItem(KEY_STORAGE, key);
    this.storage.removeItem(SESSION_STORAGE);
  }

  /**
   * Ends a session the engine refused (the till was revoked): the token is forgotten and the key must be typed again.
   * A session younger than NEW_SESSION_GRACE_MS is kept (the node that refused it may not know it yet).
   */
  endSession() {
    const session = this.session;
    if (!session || this.now() - (session.startedAt ?? 0) < NEW_SESSION_GRACE_MS) return;
    this.storage.setItem(SESSION_STORAGE, JSON.stringify({ token: "", expiresAt: session.expiresAt, ended: true }));
  }

  /** Whether the page must ask for the key: a session expired or was refused, or nothing is stored at all. */
  get needsKey() {
    return this.credential === "";
  }
}
