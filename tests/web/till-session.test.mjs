// The till's credential (src/Loyalty.Server/web/src/till/session.js): an enrolled till's key is exchanged for a
// session token and never stored; a configured key is kept as before; an ended session asks for the key again.
// Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../../src/Loyalty.Server/web/src/shared/api.js";
import { KEY_STORAGE, NEW_SESSION_GRACE_MS, SESSION_STORAGE, TillSession } from "../../src/Loyalty.Server/web/src/till/session.js";

const NOW = Date.parse("2026-04-08T09:30:00Z");

/** A Storage over a Map, as localStorage behaves. */
function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
}

function tillSession({ answer, clock = { now: NOW } } = {}) {
  const storage = memoryStorage();
  const calls = [];
  const call = async (path, options) => {
    calls.push({ path, options });
    return answer(path, options);
  };
  const session = new TillSession({ storage, call, now: () => clock.now, defaultKey: "dev-till-key" });
  return { session, storage, calls, clock };
}

const exchange = () => ({ token: "tillsession_abc", expiresAt: "2026-04-08T21:30:00Z" });

test("an enrolled till's key is exchanged and only the token is stored", async () => {
  const { session, storage, calls } = tillSession({ answer: exchange });
  await session.useKey("till_secret-key");

  assert.deepEqual(calls.map((c) => [c.path, c.options.method, c.options.headers["X-Api-Key"]]),
    [["/api/tills/sessions", "POST", "till_secret-key"]]);
  assert.equal(session.credential, "tillsession_abc");
  assert.ok(![...storage.items.values()].some((v) => v.includes("till_secret-key")), "the key is not stored");
  assert.equal(storage.getItem(KEY_STORAGE), null);
});

test("the token stops being sent when it expires, and the page asks for the key", async () => {
  const { session, clock } = tillSession({ answer: exchange });
  await session.useKey("till_secret-key");

  clock.now = Date.parse("2026-04-08T21:29:59Z");
  assert.equal(session.credential, "tillsession_abc");
  clock.now = Date.parse("2026-04-08T21:30:00Z");
  assert.equal(session.credential, "");
  assert.ok(session.ended && session.needsKey);
  assert.equal(session.describe(), "signed out");
});

test("a refused session is ended and never falls back to the default key", async () => {
  const { session, storage, clock } = tillSession({ answer: exchange });
  await session.useKey("till_secret-key");
  clock.now += NEW_SESSION_GRACE_MS;
  session.endSession();

  assert.equal(session.credential, "");
  assert.ok(!storage.getItem(SESSION_STORAGE).includes("tillsession_abc"), "the refused token is forgotten");
});

test("a configured key is kept as before, and a refused exchange keeps nothing", async () => {
  const { session, storage, calls } = tillSession({
    answer: () => { throw new ApiError(401, { title: "Unauthorized" }); },
  });
  assert.equal(session.credential, "dev-till-key");
  await session.useKey("test-till-key-0001");
  assert.equal(calls.length, 0);
  assert.equal(storage.getItem(KEY_STORAGE), "test-till-key-0001");
  assert.equal(session.credential, "test-till-key-0001");

  await assert.rejects(() => session.useKey("till_revoked-key"), (e) => e instanceof ApiError && e.status === 401);
  assert.equal(session.credential, "test-till-key-0001");
  assert.equal(storage.getItem(SESSION_STORAGE), null);
});

test("a configured key that looks like a till's key is kept when the engine will not exchange it", async () => {
  const { session, storage } = tillSession({
    answer: () => { throw new ApiError(403, { title: "Forbidden" }); },
  });
  await session.useKey("till_configured");
  assert.equal(storage.getItem(KEY_STORAGE), "till_configured");
  assert.equal(session.credential, "till_configured");
});

test("a session refused in its first seconds is kept: another node may not know it yet", async () => {
  const { session, clock } = tillSession({ answer: exchange });
  await session.useKey("till_secret-key");
  clock.now += NEW_SESSION_GRACE_MS - 1;
  session.endSession();
  assert.equal(session.credential, "tillsession_abc");
  clock.now += 1;
  session.endSession();
  assert.equal(session.credential, "");
});

test("only a session or a typed key is the browser's own credential, not the default key", async () => {
  const { session, storage } = tillSession({ answer: exchange });
  assert.equal(session.hasStoredCredential, false);
  assert.equal(session.credential, "dev-till-key");
  storage.setItem(KEY_STORAGE, "test-till-key-0001");
  assert.equal(session.hasStoredCredential, true);
  storage.removeItem(KEY_STORAGE);
  await session.useKey("till_secret-key");
  assert.equal(session.hasStoredCredential, true);
  session.endSession();
  assert.equal(session.hasStoredCredential, true); // an ended session still asks for the key, never falls back
});
