// The member app's "Download my data" (src/Loyalty.Server/web/src/app/export.js): the name of the saved file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileNameOf } from "../../src/Loyalty.Server/web/src/app/export.js";

test("the file is named as the engine names it", () => {
  assert.equal(fileNameOf("attachment; filename=member-M-1.json; filename*=UTF-8''member-M-1.json", "M-1"), "member-M-1.json");
  assert.equal(fileNameOf('attachment; filename="member-M-1.json"', "M-1"), "member-M-1.json");
  assert.equal(fileNameOf("attachment; filename*=UTF-8''member-M%C3%A9.json", "M-1"), "member-Mé.json");
});

test("without a name from the engine, the file is named after the member", () => {
  assert.equal(fileNameOf(null, "M-1"), "member-M-1.json");
  assert.equal(fileNameOf("attachment", "M-2"), "member-M-2.json");
});

test("a malformed encoded name falls back to the plain one", () => {
  assert.equal(fileNameOf("attachment; filename=plain.json; filename*=UTF-8''bad%E0%A4%A.json", "M-1"), "plain.json");
  assert.equal(fileNameOf("attachment; filename=100%.json", "M-1"), "100%.json");
});
