using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>
/// The sending side of an open loop, shared by <c>load --rate</c> and <c>push --rate</c>: <c>count</c> requests,
/// request i due at <see cref="OpenLoopSchedule.IntendedOffset"/>(i, rate) seconds after the start, each sent when it
/// is due whether or not earlier ones were answered (a late dispatcher sends what is due at once). A request due while
/// <c>maxOutstanding</c> are in flight is not sent but handed to the drop callback. The caller measures latency from the
/// due time it is given, so a stalled server is charged for every request it held up (no coordinated omission).
/// </summary>
internal sealed class OpenLoop
{
    private readonly double rate;
    private readonly long count;
    private readonly int maxOutstanding;
    private int outstanding;

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
            var wait = OpenLoopSchedule.IntendedOffset(index, rate) - Elapsed(started);
            if (wait > 0.001)
                await Task.Delay(TimeSpan.FromSeconds(wait), stop);
            else
                await Task.Yield();
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
