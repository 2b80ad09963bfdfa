// The member's session in localStorage: the access token, and the refresh token that renews it about a minute before
// it expires. Other tabs of the app share it: a renewal made in one is taken up by the others (storage events), and
// each waits a little at random before renewing, so that two tabs do not spend the same refresh token.
import { ApiError, callApi } from "../shared/api.js";

export const SESSION_KEY = "loyalty.member.session";
const EARLY_MS = 60_000;
const RETRY_MS = 5_000;
const JITTER_MS = 5_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
const RESUME_MARGIN_MS = 5_000;

/** @typedef {{ memberId: string, accessToken: string, expiresAt: string, refreshToken?: string }} Session */

/** The saved session, if it still works (its access token is valid, or it can be renewed); else null. */
export function loadSession() {
  try {
    const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null");
    if (saved?.memberId && saved?.accessToken && (saved.refreshToken || Date.parse(saved.expiresAt) > Date.now())) return saved;
  } catch {
    // An unreadable session is no session.
  }
  localStorage.removeItem(SESSION_KEY);
  return null;
}

export function saveSession(session) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(SESSION_KEY);
}

/**
 * The saved session made ready to use: renewed first when its access token has (nearly) expired. Null when the
 * engine refuses to renew it; as saved when the engine cannot be reached (the keeper tries again).
 */
export async function resumeSession(saved) {
  if (!saved.refreshToken || Date.parse(saved.expiresAt) - Date.now() > RESUME_MARGIN_MS) return saved;
  try {
    const session = sessionFrom(await callApi("/api/auth/refresh", { method: "POST", body: { refreshToken: saved.refreshToken } }));
    saveSession(session);
    return session;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) return saved;
    clearSession();
    return null;
  }
}

/** A session from the engine's token answer. */
export const sessionFrom = (tokens) => ({
  memberId: tokens.memberId, accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, refreshToken: tokens.refreshToken,
});

/**
 * Keeps a session's access token fresh. onRenewed(session) runs with each new token (the live connection is then
 * re-opened with it); onEnded(message) when the session cannot go on (signed out elsewhere, refresh refused, or a
 * session without a refresh token reaching its end).
 */
export class SessionKeeper {
  /** @param {{ session: Session, onRenewed: (s: Session) => void, onEnded: (message: string) => void }} options */
  constructor({ session, onRenewed, onEnded }) {
    this.session = session;
    this._onRenewed = onRenewed;
    this._onEnded = onEnded;
    this._timer = 0;
    this._stopped = false;
    this._storage = (event) => this._otherTab(event);
    window.addEventListener("storage", this._storage);
  }

  /** Schedules the renewal (or the end); renews at once when the access token has expired already. */
  start() {
    const left = Date.parse(this.session.expiresAt) - Date.now();
    if (!this.session.refreshToken) {
      this._later(() => this._onEnded("Your session has ended. Sign in again."), left);
      return;
    }
    const early = Math.min(EARLY_MS, left / 2);
    this._later(() => this.renew(), left - early - Math.random() * Math.min(JITTER_MS, early / 2));
  }

  stop() {
    this._stopped = true;
    clearTimeout(this._timer);
    window.removeEventListener("storage", this._storage);
  }

  async renew() {
    if (this._stopped) return;
    const stored = loadSession();
    if (stored?.refreshToken && stored.memberId === this.session.memberId && stored.refreshToken !== this.session.refreshToken) {
      this._adopt(stored); // another tab renewed it meanwhile
      return;
    }
    try {
      const tokens = await callApi("/api/auth/refresh", { method: "POST", body: { refreshToken: this.session.refreshToken } });
      if (this._stopped) return;
      const session = sessionFrom(tokens);
      saveSession(session);
      this._adopt(session);
    } catch (error) {
      if (this._stopped) return;
      if (error instanceof ApiError && error.status === 401) {
        this._onEnded("Your session has ended. Sign in again.");
        return;
      }
      this._later(() => this.renew(), RETRY_MS); // the engine could not be reached: try again while the page is open
    }
  }

  _adopt(session) {
    this.session = session;
    this._onRenewed(session);
    this.start();
  }

  _otherTab(event) {
    if (event.key !== SESSION_KEY || this._stopped) return;
    const stored = loadSession();
    if (!stored || stored.memberId !== this.session.memberId) {
      this._onEnded("You signed out in another window.");
      return;
    }
    if (stored.accessToken !== this.session.accessToken) this._adopt(stored);
  }

  _later(action, ms) {
    clearTimeout(this._timer);
    this._timer = setTimeout(action, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
  }
}
