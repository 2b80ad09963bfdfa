// The hub connection's logger (src/Loyalty.Server/web/src/shared/hub-logger.js): warnings and errors reach the
// console, except a start cut short by a stop the page asked for.
// Run by test.sh with Node's own test runner: node --test tests/web/
import { test } from "node:test";
import assert from "node:assert/strict";
import { hubLogger } from "../../src/Loyalty.Server/web/src/shared/hub-logger.js";

function recording() {
  const lines = { error: [], warn: [] };
  return { lines, output: { error: (l) => lines.error.push(l), warn: (l) => lines.warn.push(l) } };
}

const CUT_SHORT = "Failed to start the HttpConnection before stop() was called.";

test("errors and warnings reach the console; information does not", () => {
  const { lines, output } = recording();
  const logger = hubLogger(() => true, output);
  logger.log(4, "Connection disconnected with error 'Error: WebSocket closed with status code: 1006 ()'.");
  logger.log(3, "Timeout from HTTP request.");
  logger.log(2, "Using HubProtocol 'json'.");
  assert.equal(lines.error.length, 1);
  assert.match(lines.error[0], /Error: Connection disconnected/);
  assert.equal(lines.warn.length, 1);
  assert.match(lines.warn[0], /Warning: Timeout/);
});

test("a start cut short by a stop the page asked for is not an error", () => {
  const { lines, output } = recording();
  hubLogger(() => false, output).log(4, CUT_SHORT);
  hubLogger(() => false, output).log(4, "Failed to start the connection: Error: The connection was stopped during negotiation.");
  assert.deepEqual(lines.error, []);
});

test("the same message while the connection is still wanted is reported", () => {
  const { lines, output } = recording();
  hubLogger(() => true, output).log(4, CUT_SHORT);
  assert.equal(lines.error.length, 1);
});

test("other errors after the stop are still reported", () => {
  const { lines, output } = recording();
  hubLogger(() => false, output).log(4, "Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'");
  assert.equal(lines.error.length, 1);
});
