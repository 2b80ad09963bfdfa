// How the app and the till name a group of rewards (src/Loyalty.Server/web/src/shared/render.js).
// Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { rewardLabel } from "../../src/Loyalty.Server/web/src/shared/render.js";

test("a group of several rewards shows its count, a single reward its description alone", () => {
  assert.equal(rewardLabel({ rewardId: "coffee-3", description: "Free coffee", count: 3 }), "Free coffee \u00d73");
  assert.equal(rewardLabel({ rewardId: "coffee-3", description: "Free coffee", count: 1 }), "Free coffee");
  assert.equal(rewardLabel({ rewardId: "coffee-3", description: "Free coffee" }), "Free coffee", "an answer without a count is one reward");
});
