// The support page's credential: a support API key, typed in the settings and kept in localStorage. In Development,
// where the engine ships `dev-support-key`, the page starts with it until another is typed.
import { ApiError, describeProblem } from "../shared/api.js";

export const KEY_STORAGE = "loyalty.support.apiKey";
export const DEV_KEY = "dev-support-key";

export const NO_KEY_MESSAGE = "This page has no support key yet: type it in the settings.";

export class SupportKey {
  /** @param {{ storage?: Storage, defaultKey?: string }} [options] */
  constructor({ storage = localStorage, defaultKey = "" } = {}) {
    this.storage = storage;
    this.defaultKey = defaultKey;
  }

  /** The key sent as X-Api-Key (and as the hub's access token): the typed one, else the default. */
  get value() {
    return this.storage.getItem(KEY_STORAGE) ?? this.defaultKey;
  }

  get isStored() {
    return this.storage.getItem(KEY_STORAGE) !== null;
  }

  /** Keeps a typed key; an empty one forgets it. */
  use(key) {
    const trimmed = key.trim();
    if (trimmed) this.storage.setItem(KEY_STORAGE, trimmed);
    else this.storage.removeItem(KEY_STORAGE);
  }

  /** "key dev-…" or "no key", for the settings' summary (never the whole key). */
  describe() {
    const key = this.value;
    return key ? `key ${key.slice(0, 4)}\u2026` : "no key";
  }
}

/** Whether the engine refused the key itself (401: unknown; 403: a key of another role). */
export const refusesKey = (error) => error instanceof ApiError && (error.status === 401 || error.status === 403);

/** A refused key in words, with the engine's own problem details. */
export const refusalMessage = (error) => `The support key was not accepted. ${describeProblem(error.problem)}`;
