using Loyalty.Grains.Diagnostics;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loyalty.Grains.Tests;

/// <summary>A node passes a member's events on in sequence order, each once, whatever order they arrive in.</summary>
public sealed class MemberFeedTests : IDisposable
{
    private readonly RecordingEventSink _sink = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLoyaltyMetrics().BuildServiceProvider();
    private readonly MemberFeed _feed;

    public MemberFeedTests() =>
        _feed = new MemberFeed("M-1", _sink, _services.GetRequiredService<LoyaltyMetrics>(), NullLogger.Instance);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Each_event_sent_records_the_time_since_the_grain_stored_it()
    {
        using var pushLatency = new MetricCollector<double>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            LoyaltyMetrics.MeterName, "loyalty.push.latency");
        await _feed.StartAtAsync(4);

        await _feed.ReceiveAsync([Event(5), Event(6)], DateTimeOffset.UtcNow.AddMilliseconds(-250));

        var measurements = pushLatency.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.All(measurements, m => Assert.InRange(m.Value, 0.25, 30));
    }

    [Fact]
    public async Task Events_that_overtake_each_other_are_put_back_in_order()
    {
        await _feed.StartAtAsync(4);
        await _feed.ReceiveAsync([Event(7)]);
        await _feed.ReceiveAsync([Event(5), Event(6)]);
        Assert.Equal([5L, 6L, 7L], Sent());
    }

    [Fact]
    public async Task Events_already_in_the_starting_account_and_repeats_are_dropped()
    {
        await _feed.ReceiveAsync([Event(3), Event(4)]);  // before the subscription answered: held
        await _feed.StartAtAsync(3);
        await _feed.ReceiveAsync([Event(4), Event(5)]);
        Assert.Equal([4L, 5L], Sent());
    }

    [Fact]
    public async Task A_missing_event_holds_the_next_ones_only_until_the_gap_wait_is_over()
    {
        await _feed.StartAtAsync(1);
        await _feed.ReceiveAsync([Event(3)]);
        var now = DateTime.UtcNow.Ticks;

        await _feed.SkipGapAsync(MemberWatchers.GapWait, now);
        Assert.Empty(Sent());
        await _feed.SkipGapAsync(MemberWatchers.GapWait, now + MemberWatchers.GapWait.Ticks + 1);
        Assert.Equal([3L], Sent());
        await _feed.ReceiveAsync([Event(2)]);           // too late: watchers already saw the jump
        Assert.Equal([3L], Sent());
    }

    [Fact]
    public async Task A_renewal_that_finds_the_account_ahead_sends_one_sync_event_once_the_gap_wait_is_over()
    {
        await _feed.StartAtAsync(1);
        var now = DateTimeOffset.UtcNow;
        await _feed.CatchUpAsync(Account(sequence: 6, points: 42), now);
        await _feed.SkipGapAsync(MemberWatchers.GapWait, now.UtcTicks + MemberWatchers.GapWait.Ticks - 1);
        Assert.Empty(Sent());

        await _feed.SkipGapAsync(MemberWatchers.GapWait, now.UtcTicks + MemberWatchers.GapWait.Ticks);
        await _feed.ReceiveAsync([Event(7)]);

        Assert.Equal([6L, 7L], Sent());
        Assert.Equal((MemberEvent.SyncKind, 42L), (_sink.For("M-1")[0].Kind, _sink.For("M-1")[0].Balance));
    }

    [Fact]
    public async Task Events_still_on_their_way_when_a_renewal_finds_the_account_ahead_are_delivered_not_replaced()
    {
        await _feed.StartAtAsync(4);
        var now = DateTimeOffset.UtcNow;
        await _feed.CatchUpAsync(Account(sequence: 6, points: 42), now);   // events 5 and 6 are on their way
        await _feed.ReceiveAsync([Event(5), Event(6)]);
        await _feed.SkipGapAsync(MemberWatchers.GapWait, now.UtcTicks + MemberWatchers.GapWait.Ticks * 2);
        await _feed.ReceiveAsync([Event(7)]);

        Assert.Equal([5L, 6L, 7L], Sent());
        Assert.DoesNotContain(_sink.For("M-1"), e => e.Kind == MemberEvent.SyncKind);
    }

    private static Domain.AccountView Account(long sequence, long points) =>
        new("M-1", "Ada", null, null, points, "Member", null, new Domain.TierProgress(0, null, null), [], [], null, [], null, 0,
            DateTimeOffset.UtcNow, sequence);

    private static MemberEvent Event(long sequence) =>
        new(sequence, "purchase", DateTimeOffset.UtcNow, $"T-{sequence}", 1, sequence, "Member", null, null);

    private long[] Sent() => _sink.For("M-1").Select(e => e.Sequence).ToArray();
}
