using System.Collections.Concurrent;

namespace Loyalty.FaultTests.Verification;

/// <summary>
/// Every call of a run: when it was sent (time since the run started), to which node (0-based), and whether it
/// succeeded; thread-safe. Says when failures happened relative to a fault, and when the service answered steadily again.
/// </summary>
internal sealed class OutcomeTimeline
{
    private readonly ConcurrentQueue<TimedCall> calls = new();

    public OutcomeTimeline()
    {
    }

    private OutcomeTimeline(IEnumerable<TimedCall> some)
    {
        foreach (var call in some)
            calls.Enqueue(call);
    }

    public void Add(TimeSpan sentAt, int node, bool ok, string outcome) => calls.Enqueue(new TimedCall(sentAt, node, ok, outcome));

    public int Count => calls.Count;

    /// <summary>The calls sent to the other nodes (e.g. all but the one that was killed).</summary>
    public OutcomeTimeline Without(int node) => new(calls.Where(c => c.Node != node));

    /// <summary>The failed calls sent in [from, to).</summary>
    public long FailuresBetween(TimeSpan from, TimeSpan to) => calls.Count(c => !c.Ok && c.SentAt >= from && c.SentAt < to);

    /// <summary>The first successful call sent at or after <paramref name="from"/>; null if none.</summary>
    public TimeSpan? FirstSuccessAfter(TimeSpan from) =>
        calls.Where(c => c.Ok && c.SentAt >= from).Select(c => (TimeSpan?)c.SentAt).Min();

    /// <summary>
    /// When calls sent from <paramref name="from"/> on began to succeed steadily: the first call sent after the last
    /// failure (sent at or after <paramref name="from"/>); <paramref name="from"/> itself when none failed; null when the
    /// last call failed (it never recovered).
    /// </summary>
    public TimeSpan? SteadySuccessAfter(TimeSpan from)
    {
        var after = calls.Where(c => c.SentAt >= from).OrderBy(c => c.SentAt).ToList();
        var lastFailure = after.FindLastIndex(c => !c.Ok);
        if (lastFailure < 0)
            return from;
        return lastFailure == after.Count - 1 ? null : after[lastFailure + 1].SentAt;
    }

    private sealed record TimedCall(TimeSpan SentAt, int Node, bool Ok, string Outcome);
}
