using System.Collections.Concurrent;
using System.Diagnostics;

namespace Loyalty.LoadTests.Tests;

public class OpenLoopTests
{
    [Fact]
    public async Task Sends_every_request_in_order_with_its_due_time_and_not_before_it()
    {
        var loop = new OpenLoop(rate: 200, count: 40, maxOutstanding: 100);
        var sent = new ConcurrentQueue<(long Index, double Due, double At)>();
        var made = new List<long>();
        var started = Stopwatch.GetTimestamp();

        await loop.Dispatch(started, i => { made.Add(i); return i; }, (i, due) =>
        {
            sent.Enqueue((i, due, Stopwatch.GetElapsedTime(started).TotalSeconds));
            return Task.CompletedTask;
        }, (_, _) => Assert.Fail("nothing may be dropped"), CancellationToken.None);
        await loop.WhenIdle(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), made);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), sent.Select(s => s.Index).Order());
        Assert.All(sent, s => Assert.Equal(s.Index / 200.0, s.Due, 12));
        Assert.All(sent, s => Assert.True(s.At >= s.Due - 0.002, $"request {s.Index} left at {s.At:0.0000} s, due at {s.Due:0.0000} s"));
        // The last one is due at 39/200 s: the whole dispatch takes about that long, not 40 round trips.
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalSeconds, 0.19, 5);
    }

    [Fact]
    public async Task Drops_what_is_due_while_too_many_are_in_flight_and_still_makes_it()
    {
        var loop = new OpenLoop(rate: 1000, count: 10, maxOutstanding: 3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new ConcurrentBag<long>();
        var dropped = new ConcurrentBag<(long Index, double Due)>();
        var made = 0;

        await loop.Dispatch(Stopwatch.GetTimestamp(), i => { made++; return i; }, async (i, _) =>
        {
            sent.Add(i);
            await release.Task;
        }, (i, due) => dropped.Add((i, due)), CancellationToken.None);

        // The three sends run on the thread pool and never finish before the release.
        Assert.Equal(3, loop.Outstanding);
        Assert.True(SpinWait.SpinUntil(() => sent.Count == 3, TimeSpan.FromSeconds(10)));
        Assert.Equal([0L, 1L, 2L], sent.Order());
        Assert.Equal(Enumerable.Range(3, 7).Select(i => (long)i), dropped.Select(d => d.Index).Order());
        Assert.All(dropped, d => Assert.Equal(d.Index / 1000.0, d.Due, 12));
        Assert.Equal(10, made);

        release.SetResult();
        await loop.WhenIdle(CancellationToken.None);
        Assert.Equal(0, loop.Outstanding);
    }

    [Fact]
    public async Task A_late_dispatcher_sends_what_is_due_at_once_keeping_the_due_times()
    {
        var loop = new OpenLoop(rate: 100, count: 100, maxOutstanding: 1000);
        var dues = new ConcurrentBag<(long Index, double Due)>();
        // Started 2 s ago: all 100 requests (due by 0.99 s) are late and go at once, not spread over another second.
        var started = Stopwatch.GetTimestamp() - 2 * Stopwatch.Frequency;
        var clock = Stopwatch.StartNew();

        await loop.Dispatch(started, i => i, (i, due) => { dues.Add((i, due)); return Task.CompletedTask; },
            (_, _) => Assert.Fail("nothing may be dropped"), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"took {clock.Elapsed}");
        await loop.WhenIdle(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i / 100.0), dues.OrderBy(d => d.Index).Select(d => d.Due));
    }

    [Fact]
    public async Task Sleeps_between_sends_and_sends_what_fell_due_together_instead_of_spinning()
    {
        // 2,000 requests at 20,000/s: one due every 50 µs, far below the timer's resolution. A dispatcher that yields
        // until the next is due wakes up thousands of times; one that sleeps a tick sends them in batches.
        var loop = new OpenLoop(rate: 20_000, count: 2_000, maxOutstanding: 10_000);
        var sent = 0;

        await loop.Dispatch(Stopwatch.GetTimestamp(), i => i, (_, _) => { Interlocked.Increment(ref sent); return Task.CompletedTask; },
            (_, _) => Assert.Fail("nothing may be dropped"), CancellationToken.None);
        await loop.WhenIdle(CancellationToken.None);

        Assert.Equal(2_000, sent);
        // The run is due over 0.1 s, about a hundred 1 ms ticks; a slower machine's ticks are longer, so fewer.
        Assert.InRange(loop.WakeUps, 1, 400);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(-1, 1, 1)]
    [InlineData(10, -1, 1)]
    [InlineData(10, 1, 0)]
    public void Rejects_a_rate_not_above_zero_a_negative_count_or_no_room_in_flight(double rate, long count, int maxOutstanding) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenLoop(rate, count, maxOutstanding));
}

public class PushAndLiveArgumentsTests
{
    [Fact]
    public void Push_is_a_closed_loop_unless_a_rate_is_given()
    {
        var closed = Arguments.Parse(["push", "--concurrency", "4"]);
        Assert.Equal((4, (int?)null), (closed.Concurrency, closed.Rate));

        var open = Arguments.Parse(["push", "--watchers", "1000", "--rate", "1000", "--count", "20000", "--max-outstanding", "500"]);
        Assert.Equal((1000, (int?)1000, 20000, 500), (open.Watchers, open.Rate, open.Count, open.MaxOutstanding));
        Assert.Null(open.Load);
    }

    [Theory]
    [InlineData("push", "--rate", "0")]
    [InlineData("push", "--rate", "20001")]
    [InlineData("push", "--max-outstanding", "10")]
    [InlineData("latency", "--rate", "100")]
    [InlineData("hot", "--rate", "100")]
    public void Rejects(params string[] args) => Assert.Throws<ArgumentException>(() => Arguments.Parse(args));

    [Fact]
    public void Live_is_a_mix_kind_that_acts_on_no_member()
    {
        var live = OperationMix.Parse("live=100");
        Assert.Equal(new OperationMix(0, 0, 0, 100), live);
        Assert.False(live.NeedsMembers);
        Assert.Equal(Operation.Live, live.At(0));
        Assert.Equal("live=100", live.ToString());

        var mixed = OperationMix.Parse("read=1,live=1");
        Assert.True(mixed.NeedsMembers);
        Assert.Equal((Operation.Read, Operation.Live), (mixed.At(0), mixed.At(1)));
        Assert.Equal("read=1,live=1", mixed.ToString());
    }
}
