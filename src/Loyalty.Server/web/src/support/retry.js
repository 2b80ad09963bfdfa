// One transaction id per action made in the browser: the same action tried again after a failure worth retrying (the
// engine unreachable, a 502/503/504) keeps its id, so the engine applies it at most once; a new action, a success or
// a refusal starts afresh.
import { ApiError, newTransactionId } from "../shared/api.js";

export class RetryableAction {
  /** @param {() => string} [newId] */
  constructor(newId = newTransactionId) {
    this._newId = newId;
    this._pending = null;
  }

  /** The transaction id for this action (what it does, as a string or any JSON value): kept while the action is the same. */
  idFor(action) {
    const key = typeof action === "string" ? action : JSON.stringify(action);
    if (this._pending?.key !== key) this._pending = { key, transactionId: this._newId() };
    return this._pending.transactionId;
  }

  /** The action's outcome: only a failure worth retrying keeps its id. */
  settled(error) {
    if (!(error instanceof ApiError && error.retryable)) this._pending = null;
  }

  /** Whether an action failed in a way worth retrying and waits with its id. */
  get pending() {
    return this._pending !== null;
  }

  forget() {
    this._pending = null;
  }
}

/**
 * Runs a call under a RetryableAction: the body gets the action's transaction id; the id is kept only when the call
 * fails in a way worth retrying. Resolves to the answer; rejects with the ApiError.
 */
export async function runOnce(retry, action, call) {
  const transactionId = retry.idFor(action);
  try {
    const answer = await call(transactionId);
    retry.settled(null);
    return answer;
  } catch (error) {
    retry.settled(error);
    throw error;
  }
}
