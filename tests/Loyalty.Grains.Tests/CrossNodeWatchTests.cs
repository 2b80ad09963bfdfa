using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Loyalty.Grains.Tests;

public sealed class TwoSiloClusterFixture : ClusterFixture
{
    protected override short SiloCount => 2;
}

/// <summary>A watcher on one node receives the events of a member whose grain lives on the other node.</summary>
public sealed class CrossNodeWatchTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task Events_cross_to_the_watching_node_in_order_and_only_there()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        var (home, away) = Nodes(grain);
        var watchers = away.ServiceProvider.GetRequiredService<MemberWatchers>();
        var received = away.ServiceProvider.GetRequiredService<RecordingEventSink>();

        var account = await watchers.WatchAsync("connection-1", memberId);
        for (var i = 1; i <= 25; i++)
            await grain.Purchase(Commands.Coffees($"T-{i}", 1));
        await Until(() => received.For(memberId).Count >= 27); // 25 purchases, 2 free coffees

        var events = received.For(memberId);
        Assert.Equal(Enumerable.Range(1, 27).Select(i => account!.LedgerSequence + i), events.Select(e => e.Sequence));
        Assert.Equal(2, events.Count(e => e.Kind == LedgerKinds.RewardIssued));
        Assert.Equal(25 * 3, events.Last(e => e.Kind == LedgerKinds.Purchase).Balance);
        Assert.Empty(home.ServiceProvider.GetRequiredService<RecordingEventSink>().For(memberId));
        Assert.Equal(home.SiloAddress, Host(grain)); // the grain did not move to its watcher
        await watchers.RemoveWatcherAsync("connection-1");
    }

    [Fact]
    public async Task After_the_last_watcher_leaves_the_node_receives_nothing_more()
    {
        var (grain, memberId, watchers, received) = await MemberWatchedFromTheOtherNodeAsync();

        await watchers.WatchAsync("connection-1", memberId);
        await watchers.WatchAsync("connection-2", memberId);
        await grain.Purchase(Commands.Sale("T-1", 5m));
        await Until(() => received.For(memberId).Count == 1);
        await watchers.UnwatchAsync("connection-1", memberId);
        await watchers.RemoveWatcherAsync("connection-2");
        await grain.Purchase(Commands.Sale("T-2", 5m));
        await grain.GetAccount(); // a later call: the one-way notification, had there been one, is delivered by now

        Assert.Single(received.For(memberId));
        Assert.DoesNotContain(memberId, watchers.Members);
    }

    [Fact]
    public async Task Events_lost_while_the_grain_was_away_are_announced_by_a_sync_once_a_renewal_found_them_missing_for_the_gap_wait()
    {
        var (grain, memberId, watchers, received) = await MemberWatchedFromTheOtherNodeAsync();
        await watchers.WatchAsync("connection-1", memberId);

        await fixture.Cluster.DeactivateAsync(grain);      // the grain forgets its subscribers
        await grain.Purchase(Commands.Sale("T-1", 7m));   // nobody is told
        Assert.Empty(received.For(memberId));
        await watchers.RenewAsync(CancellationToken.None); // finds the account ahead of what its watchers saw
        await grain.Purchase(Commands.Sale("T-2", 3m));   // subscribed again: told as usual, held behind the gap
        Assert.Empty(received.For(memberId));
        await Task.Delay(MemberWatchers.GapWait);          // nothing else came: the gap was real
        // Checked again and again, as the node's background service does: a timer may fire a millisecond or so before
        // the wall clock that the feed measures the wait by says that the gap wait is over.
        await Until(async () =>
        {
            await watchers.SkipGapsAsync();
            return received.For(memberId).Count == 2;
        });

        var events = received.For(memberId);
        Assert.Equal((MemberEvent.SyncKind, 7L), (events[0].Kind, events[0].Balance));
        Assert.Equal((LedgerKinds.Purchase, 10L, events[0].Sequence + 1), (events[1].Kind, events[1].Balance, events[1].Sequence));
        await watchers.RemoveWatcherAsync("connection-1");
    }

    [Fact]
    public async Task A_member_not_enrolled_cannot_be_watched()
    {
        var watchers = fixture.Cluster.Silos[1].ServiceProvider.GetRequiredService<MemberWatchers>();
        var before = watchers.WatchedMembers;
        Assert.Null(await watchers.WatchAsync("connection-9", Commands.NewMemberId()));
        Assert.Equal(before, watchers.WatchedMembers);
    }

    /// <summary>An enrolled member, and the watchers and received events of the node its grain does not live on.</summary>
    private async Task<(IMemberGrain Grain, string MemberId, MemberWatchers Watchers, RecordingEventSink Received)> MemberWatchedFromTheOtherNodeAsync()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var (_, away) = Nodes(grain);
        return (grain, grain.GetPrimaryKeyString(), away.ServiceProvider.GetRequiredService<MemberWatchers>(),
            away.ServiceProvider.GetRequiredService<RecordingEventSink>());
    }

    private (InProcessSiloHandle Home, InProcessSiloHandle Away) Nodes(IMemberGrain grain)
    {
        var host = Host(grain);
        return (fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)), fixture.Cluster.Silos.Single(s => !s.SiloAddress.Equals(host)));
    }

    private Orleans.Runtime.SiloAddress Host(IMemberGrain grain)
    {
        Assert.True(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context));
        return context!.Address.SiloAddress!;
    }

    private static Task Until(Func<bool> done) => Until(() => Task.FromResult(done()));

    private static async Task Until(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await done() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(await done(), "the expected events did not arrive in time");
    }
}
