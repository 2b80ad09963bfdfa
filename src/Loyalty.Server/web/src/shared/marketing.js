// The marketing key of the marketing pages (/console and /insights): kept in the tab's sessionStorage only, so that
// going from one page to the other in the same tab keeps it, and closing the tab forgets it.
import { callApi } from "./api.js";

const KEY_STORAGE = "loyalty.console.apiKey";

export const savedKey = () => sessionStorage.getItem(KEY_STORAGE) ?? "";
export const saveKey = (key) => sessionStorage.setItem(KEY_STORAGE, key);
export const forgetKey = () => sessionStorage.removeItem(KEY_STORAGE);

/** Calls the engine with the marketing key. */
export const marketingCall = (path, options = {}) => callApi(path, { ...options, headers: { "X-Api-Key": savedKey() } });
