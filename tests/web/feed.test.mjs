// The member app's feed (src/Loyalty.Server/web/src/shared/feed.js): which reads it makes as events and answers come.
// Run by test.sh with Node's own test runner: node --test tests/web/
import { afterEach, beforeEach, mock, test } from "node:test";
import assert from "node:assert/strict";
import { MemberFeed } from "../../src/Loyalty.Server/web/src/shared/feed.js";

const MEMBER = "M-1";
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A feed over scripted reads: each read answers the next account and activity given, the last one again when run out. */
function scriptedFeed(accounts, activities) {
  const seen = { accountReads: 0, activityReads: 0, accounts: [], activities: [] };
  const next = (list, i) => list[Math.min(i, list.length - 1)];
  const feed = new MemberFeed({
    memberId: MEMBER,
    readAccount: async () => next(accounts, seen.accountReads++),
    readActivity: async () => next(activities, seen.activityReads++),
    onAccount: (account) => seen.accounts.push(account),
    onActivity: (entries) => seen.activities.push(entries),
    onEvent: () => {},
    onError: (error) => assert.fail(`unexpected error: ${error}`),
  });
  return { feed, seen };
}

const account = (sequence, points) => ({ memberId: MEMBER, ledgerSequence: sequence, points });
const entries = (...sequences) => sequences.map((sequence) => ({ sequence, kind: sequence === 1 ? "enrolled" : "purchase" }));
const newest = (seen) => seen.activities.at(-1)[0]?.sequence;

/** Moves the mocked clock on, letting each read that it starts finish. */
async function wait(ms) {
  for (let t = 0; t < ms; t += 50) {
    mock.timers.tick(50);
    await settle();
  }
}

beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
afterEach(() => mock.timers.reset());

test("an activity read older than the account it came with is made again, though the event that follows is old news", async () => {
  // The reads ran side by side with a sale: the activity before it, the account after it.
  const { feed, seen } = scriptedFeed([account(2, 6)], [entries(1), entries(2, 1)]);
  feed.accept(account(1, 0));
  feed.refresh(0);
  await wait(50);
  assert.equal(seen.accounts.at(-1).ledgerSequence, 2);
  assert.equal(newest(seen), 1);

  // The sale's event comes after the account that holds it: nothing new, so it starts no read of its own.
  assert.equal(feed.handle("BalanceChanged", { memberId: MEMBER, sequence: 2, balance: 6, delta: 6 }), false);

  await wait(1000);
  assert.equal(seen.activityReads, 2);
  assert.equal(newest(seen), 2);
  await wait(5000);
  assert.equal(seen.activityReads, 2, "a read that is up to date is not made again");
});

test("an event reads the account and the activity again once, after the sale's events have settled", async () => {
  const { feed, seen } = scriptedFeed([account(1, 0), account(2, 6)], [entries(1), entries(2, 1)]);
  feed.refresh(0);
  await wait(50);
  assert.equal(feed.handle("BalanceChanged", { memberId: MEMBER, sequence: 2, balance: 6, delta: 6 }), true);
  assert.equal(seen.accounts.at(-1).points, 6, "the balance shows at once, from the event");
  await wait(5000);
  assert.deepEqual([seen.accountReads, seen.activityReads, newest(seen)], [2, 2, 2]);
});

test("a reward event adds its count to the group it joined, or shows a new group", async () => {
  const reward = (rewardId, count, expiresAt = "2026-04-15T10:00:00+00:00") => ({ rewardId, kind: "free-item", description: "Free coffee", expiresAt, count });
  const { feed, seen } = scriptedFeed([{ ...account(3, 0), rewards: [reward("coffee-3", 2)] }], [entries(3)]);
  feed.refresh(0);
  await wait(50);

  feed.handle("RewardIssued", { memberId: MEMBER, sequence: 4, reward: reward("coffee-3", 3, "2026-04-15T11:00:00+00:00") });
  assert.deepEqual(seen.accounts.at(-1).rewards, [reward("coffee-3", 5, "2026-04-15T11:00:00+00:00")]);
  feed.handle("RewardIssued", { memberId: MEMBER, sequence: 5, reward: reward("coffee-5", 1, "2026-04-16T10:00:00+00:00") });
  assert.deepEqual(seen.accounts.at(-1).rewards.map((r) => [r.rewardId, r.count]), [["coffee-3", 5], ["coffee-5", 1]]);
  assert.equal(feed.handle("RewardIssued", { memberId: MEMBER, sequence: 5, reward: reward("coffee-5", 1) }), false, "old news adds nothing");
  assert.equal(seen.accounts.at(-1).rewards[1].count, 1);
});

test("an activity that stays behind is read again a bounded number of times", async () => {
  const { feed, seen } = scriptedFeed([account(3, 9)], [entries(2, 1)]);
  feed.refresh(0);
  await wait(10000);
  assert.equal(seen.activityReads, 6, "the first read and five more");
  assert.equal(newest(seen), 2, "what was read is still shown");
});
