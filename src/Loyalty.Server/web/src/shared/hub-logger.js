// What the SignalR client logs, as its own console logger would, less the complaints about a connection that the page
// stopped on purpose while it was still being made (new credentials typed, the page moving on): that is not an error.

// The SignalR client's LogLevel values (Warning and above are shown).
const WARNING = 3;
const ERROR = 4;

const STOPPED_WHILE_STARTING = ["before stop() was called", "stopped during negotiation"];

/**
 * A SignalR ILogger. `isWanted()` tells whether the connection is still wanted; once it is not, the messages of a
 * start cut short by stop() are dropped.
 * @param {() => boolean} isWanted
 * @param {Pick<Console, "error" | "warn">} [output]
 */
export function hubLogger(isWanted, output = console) {
  return {
    log(level, message) {
      if (level < WARNING) return;
      if (!isWanted() && STOPPED_WHILE_STARTING.some((text) => message.includes(text))) return;
      const line = `[${new Date().toISOString()}] ${level >= ERROR ? "Error" : "Warning"}: ${message}`;
      if (level >= ERROR) output.error(line);
      else output.warn(line);
    },
  };
}
