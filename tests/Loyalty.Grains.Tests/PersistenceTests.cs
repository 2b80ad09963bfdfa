using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

public sealed class PersistenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task State_survives_deactivation()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Coffees("T-1", 3));
        var before = await grain.GetAccount();

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(Json(before), Json(await grain.GetAccount()));
        var replay = await grain.Purchase(Commands.Coffees("T-1", 3));
        Assert.True(replay.Value!.Duplicate);
    }

    [Fact]
    public async Task State_and_ledger_survive_a_restart_of_the_cluster()
    {
        var memberId = Commands.NewMemberId();
        var grain = await Commands.EnrolledAsync(fixture.Grains, memberId);
        await grain.Purchase(Commands.Sale("T-1", 600m));
        await grain.Redeem(Commands.Points("R-1", 100));
        var before = await grain.GetAccount();

        await fixture.RestartAsync();

        var after = await fixture.Grains.GetGrain<IMemberGrain>(memberId).GetAccount();
        Assert.Equal(Json(before), Json(after));
        Assert.Equal("Silver", after!.Tier);
        Assert.Equal(650, after.Points);
        var activity = await fixture.Grains.GetGrain<IMemberGrain>(memberId).GetActivity(null, 50);
        Assert.Equal([LedgerKinds.Redemption, LedgerKinds.TierChanged, LedgerKinds.Purchase, LedgerKinds.Enrolled],
            activity!.Entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Replays_and_refunds_work_after_deactivation_because_transactions_are_rebuilt_from_the_ledger()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(new Purchase("T-1", "S-01", null, [new PurchaseLine("BOOK", "books", 3, 10m)]));
        await grain.Refund(new Refund("RF-1", "S-01", "T-1", [new RefundLine("BOOK", 1)]));

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.True((await grain.Refund(new Refund("RF-1", "S-01", "T-1", [new RefundLine("BOOK", 1)]))).Value!.Duplicate);
        Assert.Equal(RejectionCode.LineNotRefundable,
            (await grain.Refund(new Refund("RF-2", "S-01", "T-1", [new RefundLine("BOOK", 3)]))).Rejection!.Code);
        Assert.Equal(10, (await grain.Refund(new Refund("RF-3", "S-01", "T-1", [new RefundLine("BOOK", 1)]))).Value!.PointsReversed);
        Assert.Equal(10, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task The_stored_state_does_not_grow_with_the_number_of_purchases()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        for (var i = 0; i < 10; i++)
            await grain.Purchase(Commands.Sale($"T-{i}", 1m));
        await grain.GetActivity(null, 1); // the outbox is empty again
        var after10 = await StoredSizeAsync(grain);
        for (var i = 10; i < 300; i++)
            await grain.Purchase(Commands.Sale($"T-{i}", 1m));
        await grain.GetActivity(null, 1);
        var after300 = await StoredSizeAsync(grain);

        Assert.InRange(after300, after10 - 64, after10 + 64);
        Assert.True(after300 < 1024, $"the stored state is {after300} bytes");
    }

    [Fact]
    public async Task Open_and_used_rewards_survive_deactivation_counted_in_a_few_bytes()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.GetActivity(null, 1);
        var empty = await StoredSizeAsync(grain);
        for (var i = 0; i < 100; i++)
            await grain.Purchase(Commands.Coffees($"T-{i}", 9));
        var used = (await grain.GetAccount())!.Rewards[0].RewardId;
        await grain.Redeem(new Redemption("R-1", "S-01", null, used));
        var before = await grain.GetAccount();
        await grain.GetActivity(null, 1);

        var stored = await StoredSizeAsync(grain);

        Assert.Equal(Json(before), Json(await grain.GetAccount()));
        Assert.Equal(99, before!.Rewards.Sum(r => r.Count));
        Assert.True((await grain.Redeem(new Redemption("R-1", "S-01", null, used))).Value!.Duplicate);
        Assert.Equal(99, (await grain.GetAccount())!.Rewards.Sum(r => r.Count));
        // 100 rewards counted in a group per expiry day, a spend day and a point lot besides
        Assert.True(stored - empty < before.Rewards.Count * 40 + 128, $"100 rewards take {stored - empty} bytes");
    }

    [Fact]
    public async Task Rewards_used_one_by_one_beyond_the_bound_stay_refused_after_deactivation_in_a_bounded_state()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var used = new List<string>();
        var sizes = new List<long>();
        for (var i = 0; i < 2 * ClosedRewardLimit.MaxRemembered; i++)
        {
            var reward = Assert.Single((await grain.Purchase(Commands.Coffees($"T-{i}", 9))).Value!.RewardsIssued).RewardId;
            Assert.NotNull((await grain.Redeem(new Redemption($"R-{i}", "S-01", null, reward))).Value);
            used.Add(reward);
            if (i + 1 == ClosedRewardLimit.MaxRemembered || i + 1 == 2 * ClosedRewardLimit.MaxRemembered)
                sizes.Add(await StoredSizeAsync(grain));
        }

        // twice the rewards used: the closed numbers let go, the numbers kept a byte longer at most
        Assert.InRange(sizes[1], 1, sizes[0] + ClosedRewardLimit.MaxRemembered + 32);
        var first = await grain.Redeem(new Redemption("R-again-1", "S-01", null, used[0]));
        Assert.Equal(RejectionCode.RewardUnavailable, first.Rejection!.Code);
        Assert.Contains("was used, has expired or was revoked", first.Rejection.Detail, StringComparison.Ordinal);
        var last = await grain.Redeem(new Redemption("R-again-2", "S-01", null, used[^1]));
        Assert.Contains("already used", last.Rejection!.Detail, StringComparison.Ordinal);
        Assert.True((await grain.Redeem(new Redemption("R-0", "S-01", null, used[0]))).Value!.Duplicate);
    }

    private async Task<long> StoredSizeAsync(IMemberGrain grain)
    {
        await fixture.Cluster.DeactivateAsync(grain); // deactivation stores the emptied outbox
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM loyalty_grain_state WHERE grain_key = $key";
        command.Parameters.AddWithValue("$key", grain.GetPrimaryKeyString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Json(AccountView? account) => System.Text.Json.JsonSerializer.Serialize(account);
}
