// The real-time gateway: one SignalR connection to /hubs/loyalty that keeps itself up.
import { HubConnectionBuilder, HubConnectionState } from "@microsoft/signalr";
import { hubLogger } from "./hub-logger.js";

export const HUB_PATH = "/hubs/loyalty";
export const EVENTS = ["BalanceChanged", "RewardIssued", "TierChanged", "PromotionAnnounced"];

// Waits before each reconnection attempt, spread by ±25% so that clients do not all come back at once. None is
// immediate: a server that is shutting down closes its connections first and stops listening a moment later, and a
// connection made in between would hold its shutdown up.
const DELAYS = [1000, 2000, 5000, 10000, 20000, 30000];
const delayAfter = (attempt) => DELAYS[Math.min(attempt, DELAYS.length - 1)] * (0.75 + Math.random() * 0.5);

/** The message a HubException carries, without the client's "An unexpected error occurred invoking ..." framing. */
export function hubErrorMessage(error) {
  const text = String(error?.message ?? error ?? "");
  const marker = "HubException: ";
  const at = text.lastIndexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : text;
}

/**
 * A connection that reconnects for as long as it is wanted. Status goes to onStatus(state, detail) with state one of
 * "connecting", "live", "reconnecting", "offline", "refused" (credentials rejected: no retry) or "stopped".
 * onConnected runs after every (re)connection: the place to Watch again, since a new connection watches nothing.
 */
export class LiveConnection {
  /**
   * @param {{ accessToken: () => string, headers?: Record<string, string>,
   *           onEvent: (name: string, event: any) => void, onConnected: () => Promise<void> | void,
   *           onStatus: (state: string, detail?: string) => void }} options
   */
  constructor({ accessToken, headers, onEvent, onConnected, onStatus }) {
    this._onConnected = onConnected;
    this._onStatus = onStatus;
    this._wanted = false;
    this._timer = 0;
    this._connection = new HubConnectionBuilder()
      .withUrl(HUB_PATH, { accessTokenFactory: accessToken, headers })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => delayAfter(ctx.previousRetryCount) })
      .configureLogging(hubLogger(() => this._wanted))
      .build();
    // A handler that returned a value would be taken as a result the server did not ask for.
    for (const name of EVENTS) this._connection.on(name, (event) => { onEvent(name, event); });
    this._connection.onreconnecting(() => this._status("reconnecting"));
    this._connection.onreconnected(() => this._connected());
    this._connection.onclose((error) => {
      if (!this._wanted) return;
      this._status("offline", error ? String(error.message ?? error) : undefined);
      this._schedule(0);
    });
  }

  get isLive() {
    return this._connection.state === HubConnectionState.Connected;
  }

  start() {
    this._wanted = true;
    this._schedule(0, 0);
  }

  /** Says "stopped" at once, and nothing after: a page that replaces the connection hears only the new one from then on. */
  async stop() {
    this._wanted = false;
    clearTimeout(this._timer);
    this._status("stopped");
    await this._connection.stop();
  }

  /** Calls a hub method; rejects when not connected or when the hub refuses (see hubErrorMessage). */
  invoke(method, ...args) {
    return this._connection.invoke(method, ...args);
  }

  _schedule(attempt, delay = delayAfter(attempt)) {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._tryStart(attempt), delay);
  }

  async _tryStart(attempt) {
    if (!this._wanted || this._connection.state !== HubConnectionState.Disconnected) return;
    this._status(attempt === 0 ? "connecting" : "reconnecting");
    try {
      await this._connection.start();
    } catch (error) {
      if (!this._wanted) return;
      const refusal = refusedStatus(error);
      if (refusal) {
        this._status("refused", refusal === 401 ? "The credentials were not accepted." : "These credentials may not watch.");
        return;
      }
      this._status("offline", String(error?.message ?? error));
      this._schedule(attempt + 1);
      return;
    }
    if (!this._wanted) {
      await this._connection.stop();
      return;
    }
    await this._connected();
  }

  async _connected() {
    this._status("live");
    try {
      await this._onConnected();
    } catch {
      // onConnected reports its own errors; the connection itself stays up.
    }
  }

  _status(state, detail) {
    this._onStatus(state, detail);
  }
}

/** 401 or 403 when the server refused the credentials (the client reports it only in the message of a failed negotiation). */
function refusedStatus(error) {
  if (error?.statusCode === 401 || error?.statusCode === 403) return error.statusCode;
  const match = /Status code '(401|403)'/.exec(String(error?.message ?? ""));
  return match ? Number(match[1]) : 0;
}

/**
 * Watches the feed's member on a live connection (if it is up): the account Watch answers is shown, then the account
 * and activity are read again. A refusal goes to onRefused in words.
 */
export async function watchFeed(live, feed, onRefused) {
  if (!feed || !live?.isLive) return;
  try {
    feed.accept(await live.invoke("Watch", feed.memberId));
  } catch (error) {
    onRefused(`Live updates for ${feed.memberId} refused: ${hubErrorMessage(error)}`);
  }
  feed.refresh();
}

const LABELS = {
  connecting: "Connecting\u2026",
  live: "Live",
  reconnecting: "Reconnecting\u2026",
  offline: "Offline",
  refused: "Not connected",
  stopped: "Not connected",
};

/** Shows a connection state in a status element (text and data-state, which the stylesheet colours). */
export function showStatus(element, state, detail) {
  element.dataset.state = state;
  element.textContent = LABELS[state] ?? state;
  element.title = detail ?? "";
}
