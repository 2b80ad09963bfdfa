using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>
/// Concurrent commands of one member share storage writes, each answered only once its change is stored; a failed
/// write fails every command it carried, changes nothing, and the retries succeed exactly once.
/// </summary>
public sealed class WriteBatchingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    public void Dispose()
    {
        fixture.StorageFaults.FailWrites = false;
        fixture.StorageFaults.FailWritesAsDriver = false;
        fixture.StorageFaults.WriteDelay = TimeSpan.Zero;
    }

    [Fact]
    public async Task Concurrent_purchases_of_one_member_share_writes_and_all_count()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        fixture.StorageFaults.WriteDelay = TimeSpan.FromMilliseconds(50); // a database slower than the sales arrive
        var writesBefore = fixture.StorageFaults.Writes;

        var results = await Task.WhenAll(Enumerable.Range(1, 60).Select(i => grain.Purchase(Commands.Sale($"T-{i}", 5m))));
        var writes = fixture.StorageFaults.Writes - writesBefore;
        fixture.StorageFaults.WriteDelay = TimeSpan.Zero;

        Assert.All(results, r => Assert.False(r.Value!.Duplicate));
        Assert.Equal(300, (await grain.GetAccount())!.Points);
        Assert.InRange(writes, 1, 20);
        var activity = await grain.GetActivity(null, 100);
        Assert.Equal(Enumerable.Range(1, 61).Reverse().Select(i => (long)i), activity!.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Commands_applied_while_storage_serializes_a_write_are_never_stored_half_applied()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        fixture.StorageFaults.WriteDelay = TimeSpan.FromMilliseconds(2);

        var results = await Task.WhenAll(Enumerable.Range(1, 1200).Select(i => grain.Purchase(Commands.Coffees($"C-{i}", 1 + i % 3))));
        fixture.StorageFaults.WriteDelay = TimeSpan.Zero;
        var before = await grain.GetAccount();
        await fixture.Cluster.DeactivateAsync(grain);
        var after = await grain.GetAccount();

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(2400, before!.StampCards.Sum(card => card.Stamps) + 9 * before.Rewards.Sum(r => r.Count));
        Assert.Equal((before.Points, before.LedgerSequence), (after!.Points, after.LedgerSequence));
        Assert.Equal(before.Rewards.Select(r => r.RewardId), after.Rewards.Select(r => r.RewardId));
    }

    [Fact]
    public async Task A_failed_write_fails_its_commands_and_the_retries_count_once()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-0", 5m));

        fixture.StorageFaults.FailWrites = true;
        var failed = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Attempt(grain.Purchase(Commands.Sale($"T-{i}", 10m)))));
        fixture.StorageFaults.FailWrites = false;

        Assert.All(failed, Assert.NotNull);
        Assert.Equal(5, (await grain.GetAccount())!.Points);                 // nothing of the failed sales is left
        Assert.True((await grain.Purchase(Commands.Sale("T-0", 5m))).Value!.Duplicate); // remembered across the reload
        var retried = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => grain.Purchase(Commands.Sale($"T-{i}", 10m))));
        Assert.All(retried, r => Assert.False(r.Value!.Duplicate));
        Assert.Equal(105, (await grain.GetAccount())!.Points);
        var purchases = (await grain.GetActivity(null, 100))!.Entries.Where(e => e.Kind == LedgerKinds.Purchase).ToList();
        Assert.Equal(11, purchases.Count);
        Assert.Equal(11, purchases.Select(e => e.TransactionId).Distinct().Count());
    }

    [Fact]
    public async Task A_driver_failure_reaches_the_caller_as_storage_unavailable_and_changes_nothing()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-0", 5m));

        fixture.StorageFaults.FailWritesAsDriver = true;
        var failure = await Attempt(grain.Purchase(Commands.Sale("T-1", 10m)));
        fixture.StorageFaults.FailWritesAsDriver = false;

        // The driver's exception has no Orleans codec; the caller (the cluster client, as another node would be)
        // gets the engine's own exception, which the HTTP layer answers with 503.
        var unavailable = Assert.IsType<StorageUnavailableException>(failure);
        Assert.Contains(nameof(DriverException), unavailable.Message);
        Assert.Equal(5, (await grain.GetAccount())!.Points);
        Assert.False((await grain.Purchase(Commands.Sale("T-1", 10m))).Value!.Duplicate);
        Assert.Equal(15, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task Concurrent_redemptions_sharing_writes_still_never_overdraw()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 50m));

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => grain.Redeem(Commands.Points($"R-{i}", 3))));

        Assert.Equal(16, results.Count(r => r.IsSuccess));
        Assert.Equal(2, (await grain.GetAccount())!.Points);
    }

    private static async Task<Exception?> Attempt<T>(Task<T> call)
    {
        try
        {
            await call;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
