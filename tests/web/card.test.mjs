// The member app's card (src/Loyalty.Server/web/src/app/card.js): which card number it shows, and how it writes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { firstCard, groupDigits, QR_SIZE } from "../../src/Loyalty.Server/web/src/app/card.js";

test("the first card of the account, as a number or an object holding one", () => {
  assert.equal(firstCard({ cards: ["4000123412341234", "4000999999999999"] }), "4000123412341234");
  assert.equal(firstCard({ cards: [{ cardNumber: "4000123412341234" }] }), "4000123412341234");
  assert.equal(firstCard({ cards: [] }), null);
  assert.equal(firstCard({}), null);
  assert.equal(firstCard(null), null);
});

test("card numbers are grouped by four, as printed", () => {
  assert.equal(groupDigits("4000123412341234"), "4000 1234 1234 1234");
  assert.equal(groupDigits("123"), "123");
});

test("the QR code is large enough to scan at the counter", () => {
  assert.ok(QR_SIZE >= 240);
});
