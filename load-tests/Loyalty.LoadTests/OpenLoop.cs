using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>
/// The sending side of an open loop, shared by <c>load --rate</c> and <c>push --rate</c>: <c>count</c> requests,
/// request i due at <see cref="OpenLoopSchedule.IntendedOffset"/>(i, rate) seconds after the start, each sent when it
/// is due whether or not earlier ones were answered (a late dispatcher sends what is due at once). A request due while
/// <c>maxOutstanding</c> are in flight is not sent but handed to the drop callback. The caller measures latency from the
/// due time it is given, so a stalled server is charged for every request it held up (no coordinated omission).
/// Between requests it sleeps on a timer, at least <see cref="MinimumWait"/>, and then sends everything that fell due
/// meanwhile: it never spins. (It used to yield in a loop when the next request was due within a millisecond, which at
/// a few thousand requests a second kept a core of the generator busy, taken from the engine and its database on the
/// same machine: the open loop at half the engine's peak then had a worse tail than the closed loop at the peak.)
/// </summary>
internal sealed class OpenLoop
{
    private readonly double rate;
    private readonly long count;
    private readonly int maxOutstanding;
    private int outstanding;
    private long wakeUps;

    /// <summary>The shortest sleep between two sends: about the timer's resolution.</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    public OpenLoop(double rate, long count, int maxOutstanding)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new ArgumentOutOfRangeException(nameof(rate), "the rate must be above 0");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutstanding, 1);
        this.rate = rate;
        this.count = count;
        this.maxOutstanding = maxOutstanding;
    }

    /// <summary>Requests sent and not yet finished.</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>How many times the dispatcher woke up to send what was due: at most one per request.</summary>
    public long WakeUps => Interlocked.Read(ref wakeUps);

    /// <summary>
    /// Dispatches the requests in order: for each, when it is due, <paramref name="next"/> makes it (called for every
    /// request, sent or dropped, so a seeded source draws the same sequence either way), then <paramref name="send"/>
    /// runs it on the thread pool with its due time in seconds after <paramref name="started"/> (a
    /// <see cref="Stopwatch"/> timestamp), or <paramref name="drop"/> records it when too many are in flight. Returns
    /// once the last request has been dispatched; sends still running are counted by <see cref="Outstanding"/>.
    /// <paramref name="send"/> should not throw: an exception it lets out is lost.
    /// </summary>
    public async Task Dispatch<T>(
        long started, Func<long, T> next, Func<T, double, Task> send, Action<T, double> drop, CancellationToken stop)
    {
        long index = 0;
        while (index < count)
        {
            stop.ThrowIfCancellationRequested();
            var due = Math.Min(OpenLoopSchedule.DueCount(Elapsed(started), rate), count);
            for (; index < due; index++)
            {
                var item = next(index);
                var intended = OpenLoopSchedule.IntendedOffset(index, rate);
                if (Volatile.Read(ref outstanding) >= maxOutstanding)
                {
                    drop(item, intended);
                    continue;
                }
                Interlocked.Increment(ref outstanding);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await send(item, intended);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref outstanding);
                    }
                }, CancellationToken.None);
            }
            if (index >= count)
                break;
            var wait = TimeSpan.FromSeconds(OpenLoopSchedule.IntendedOffset(index, rate) - Elapsed(started));
            await Task.Delay(wait > MinimumWait ? wait : MinimumWait, stop);
            Interlocked.Increment(ref wakeUps);
        }
    }

    /// <summary>Waits until no request is in flight.</summary>
    public async Task WhenIdle(CancellationToken stop)
    {
        while (Outstanding > 0)
            await Task.Delay(5, stop);
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
