using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Tests;

/// <summary>A cluster whose programme keeps a sale's points pending for 14 days.</summary>
public sealed class PendingPointsClusterFixture : ClusterFixture
{
    public const int PendingDays = 14;

    protected override ProgrammeOptions CreateProgrammeOptions()
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = PendingDays;
        return options;
    }
}

/// <summary>
/// Pending points on a real cluster over a real SQLite database: released on time by the node's scheduler, with no call
/// to the member, and after a restart. These tests move the programme's clock, so they have a cluster of their own.
/// </summary>
public sealed class PendingPointsTests(PendingPointsClusterFixture fixture) : IClassFixture<PendingPointsClusterFixture>
{
    /// <summary>The start (00:00 UTC) of the day a sale made now is released on.</summary>
    private DateTimeOffset ReleaseStart() =>
        new(DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime).AddDays(PendingPointsClusterFixture.PendingDays), TimeOnly.MinValue, TimeSpan.Zero);

    /// <summary>Waits (real time) until the ledger table holds an entry of <paramref name="kind"/> for the member.</summary>
    private async Task<LedgerEntry?> LedgerEntryAsync(string memberId, string kind, Func<Task>? meanwhile = null)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await fixture.Ledger.ReadAsync(memberId, null, 50)).FirstOrDefault(e => e.Kind == kind) is { } entry)
                return entry;
            if (meanwhile is not null)
                await meanwhile();
            await Task.Delay(50);
        }
        return null;
    }

    /// <summary>Moves the programme's clock on by 30 seconds at a time, as slowly as the scheduler's passes need.</summary>
    private Task Tick()
    {
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_member_nobody_calls_gets_their_points_at_the_start_of_the_release_day_and_a_watcher_hears_points_released()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        var sale = (await grain.Purchase(Commands.Sale("T-1", 25m))).Value!;
        Assert.Equal((25, 0), (sale.PointsEarned, sale.Balance));
        var releaseStart = ReleaseStart();
        var watchers = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<MemberWatchers>();
        var watched = await watchers.WatchAsync("connection-1", memberId);
        Assert.Equal((0, 25), (watched!.Points, watched.PendingPoints));
        Assert.NotNull(await LedgerEntryAsync(memberId, LedgerKinds.Purchase)); // the sale, and its release day, are in the tables

        fixture.Time.SetUtcNow(releaseStart.AddMinutes(-3));
        var released = await LedgerEntryAsync(memberId, LedgerKinds.PointsReleased, Tick);

        Assert.NotNull(released);
        Assert.InRange(released.At, releaseStart, releaseStart.AddMinutes(10)); // not before the day, and within a few passes of it
        Assert.Equal((25L, 25L), (released.Points, released.Balance));
        var sink = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<RecordingEventSink>();
        for (var i = 0; i < 200 && !sink.For(memberId).Any(e => e.Kind == LedgerKinds.PointsReleased); i++)
            await Task.Delay(50); // the event travels to the watching node one way
        var e = Assert.Single(sink.For(memberId), e => e.Kind == LedgerKinds.PointsReleased);
        Assert.Equal((25L, 25L), (e.Delta, e.Balance));
        await watchers.UnwatchAsync("connection-1", memberId);
    }

    [Fact]
    public async Task Pending_points_survive_a_restart_and_are_released_without_a_call_to_the_member()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        await grain.Purchase(Commands.Sale("T-1", 40m));
        var releaseStart = ReleaseStart();
        Assert.NotNull(await LedgerEntryAsync(memberId, LedgerKinds.Purchase));

        await fixture.RestartAsync();
        fixture.Time.SetUtcNow(releaseStart.AddMinutes(-3));
        var released = await LedgerEntryAsync(memberId, LedgerKinds.PointsReleased, Tick);

        Assert.NotNull(released);
        Assert.InRange(released.At, releaseStart, releaseStart.AddMinutes(10));
        var account = await fixture.Grains.GetGrain<IMemberGrain>(memberId).GetAccount();
        Assert.Equal((40, 0), (account!.Points, account.PendingPoints));
        Assert.Empty(account.PendingReleases!);
    }

    [Fact]
    public async Task A_refund_inside_the_window_cancels_the_pending_points_and_nothing_is_released_later()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        await grain.Purchase(Commands.Sale("T-1", 30m, quantity: 2, sku: "MUG"));
        var releaseStart = ReleaseStart();

        var refund = (await grain.Refund(new Refund("F-1", "S-01", "T-1", [new RefundLine("MUG", 1)]))).Value!;
        Assert.Equal((30, 0), (refund.PointsReversed, refund.Balance));
        var account = await grain.GetAccount();
        Assert.Equal((0, 30), (account!.Points, account.PendingPoints));
        Assert.Equal([new PendingRelease(30, DateOnly.FromDateTime(releaseStart.UtcDateTime))], account.PendingReleases);

        await grain.Refund(new Refund("F-2", "S-01", "T-1", [new RefundLine("MUG", 1)]));
        fixture.Time.SetUtcNow(releaseStart.AddMinutes(1));
        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetAccount();
        Assert.Equal((0, 0), (after!.Points, after.PendingPoints));
        Assert.DoesNotContain((await grain.GetActivity(null, 50))!.Entries, e => e.Kind == LedgerKinds.PointsReleased);
    }

    [Fact]
    public async Task A_member_asked_twice_to_release_releases_once_and_both_times_answers_its_next_release_day()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 10m));
        var firstRelease = ReleaseStart();
        fixture.Time.Advance(TimeSpan.FromDays(2));
        await grain.Purchase(Commands.Sale("T-2", 5m));
        var secondDay = DateOnly.FromDateTime(ReleaseStart().UtcDateTime);
        Assert.Equal(DateOnly.FromDateTime(firstRelease.UtcDateTime), await grain.ReleasePending()); // nothing due yet

        fixture.Time.SetUtcNow(firstRelease);
        var answers = await Task.WhenAll(grain.ReleasePending(), grain.ReleasePending());

        Assert.Equal([secondDay, secondDay], answers);
        var entries = (await grain.GetActivity(null, 50))!.Entries;
        Assert.Equal(10, Assert.Single(entries, e => e.Kind == LedgerKinds.PointsReleased).Points);
        Assert.Equal((10, 5), ((await grain.GetAccount())!.Points, (await grain.GetAccount())!.PendingPoints));
        Assert.Null(await fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId()).ReleasePending()); // not a member: its row goes
    }
}
