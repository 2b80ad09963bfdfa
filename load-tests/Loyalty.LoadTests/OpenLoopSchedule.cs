namespace Loyalty.LoadTests;

/// <summary>
/// The clock of an open loop at <c>rate</c> requests per second: request i (from 0) is meant to leave at i / rate
/// seconds after the start, whether or not earlier requests have been answered. Its latency is measured from that
/// intended time, so a stalled server is charged for the requests it kept waiting (no coordinated omission).
/// </summary>
internal static class OpenLoopSchedule
{
    /// <summary>Seconds after the start at which request <paramref name="index"/> is due.</summary>
    public static double IntendedOffset(long index, double rate) => index / rate;

    /// <summary>How many requests are due by <paramref name="elapsedSeconds"/> (request 0 is due at 0).</summary>
    public static long DueCount(double elapsedSeconds, double rate) =>
        elapsedSeconds < 0 ? 0 : (long)Math.Floor(elapsedSeconds * rate) + 1;

    /// <summary>Requests in a run of <paramref name="seconds"/> seconds: those due strictly before its end.</summary>
    public static long Total(double seconds, double rate) => (long)Math.Ceiling(seconds * rate);
}
