// How the app and the till show pending points (src/Loyalty.Server/web/src/shared/render.js): the points of sales not
// spendable yet, and when the first of them are.
// Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { calendarDay } from "../../src/Loyalty.Server/web/src/shared/format.js";
import { pendingText } from "../../src/Loyalty.Server/web/src/shared/render.js";

test("nothing pending says nothing", () => {
  assert.equal(pendingText({ pendingPoints: 0, pendingReleases: [] }), "");
  assert.equal(pendingText({ points: 12 }), "", "an account of an engine without pending points");
  assert.equal(pendingText(null), "");
});

test("one release day: the points and the day they become spendable", () => {
  const text = pendingText({ pendingPoints: 25, pendingReleases: [{ points: 25, on: "2027-03-15" }] });
  assert.equal(text, `25 points pending: spendable from ${calendarDay("2027-03-15")}`);
});

test("several release days: the total, and the first of them", () => {
  const text = pendingText({
    pendingPoints: 1250,
    pendingReleases: [{ points: 1000, on: "2027-03-12" }, { points: 250, on: "2027-03-15" }],
  });
  assert.match(text, /^1,?250 points pending \(the first 1,?000 spendable from /);
  assert.ok(text.endsWith(`${calendarDay("2027-03-12")})`));
});
