// The till's finding and enrolling (src/Loyalty.Server/web/src/shared/lookup.js, till/enrol.js): what the search field's text is,
// and the bodies and paths the till sends. Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { cardText, identifierOf, lookupPath } from "../../src/Loyalty.Server/web/src/shared/lookup.js";
import { enrolBody, newMemberId } from "../../src/Loyalty.Server/web/src/till/enrol.js";

test("16 digits, as typed, scanned or grouped, are a card", () => {
  for (const text of ["4111111111111111", " 4111 1111 1111 1111 ", "4111-1111-1111-1111"])
    assert.deepEqual(identifierOf(text), { field: "card", value: "4111111111111111" });
});

test("an address with an @ is an e-mail, a number with + or a leading 0 is a phone", () => {
  assert.deepEqual(identifierOf(" Ada@Example.org "), { field: "email", value: "Ada@Example.org" });
  for (const text of ["07400 123456", "+44 7400 123456", "0044 (0)7400-123.456"])
    assert.deepEqual(identifierOf(text), { field: "phone", value: text });
});

test("anything else is a member id", () => {
  for (const text of ["M-1", "ada_lovelace", "411111111111111", "41111111111111111", "+44", "0123", "12345678"])
    assert.equal(identifierOf(text), null, text);
});

test("the lookup's path escapes the identifier", () => {
  assert.equal(lookupPath({ field: "phone", value: "+44 7400 123456" }), "/api/members/lookup?phone=%2B44%207400%20123456");
  assert.equal(lookupPath({ field: "email", value: "a+b@example.org" }), "/api/members/lookup?email=a%2Bb%40example.org");
});

test("a card number is shown in groups of four", () => {
  assert.equal(cardText("4111111111111111"), "4111 1111 1111 1111");
});

test("the enrolment body leaves blank fields out", () => {
  assert.deepEqual(enrolBody({ name: " Ada ", email: " ", phone: " 07400 123456 ", birthDate: "" }), { name: "Ada", phone: "07400 123456" });
  assert.deepEqual(enrolBody({ name: "Ada", email: "ada@example.org", birthDate: "1990-04-01" }),
    { name: "Ada", email: "ada@example.org", birthDate: "1990-04-01" });
});

test("new member ids are valid member ids and differ", () => {
  const ids = new Set(Array.from({ length: 200 }, newMemberId));
  assert.equal(ids.size, 200);
  for (const id of ids) assert.match(id, /^M-[A-Z2-9]{10}$/);
});
