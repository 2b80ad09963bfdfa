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

    private static string Json(AccountView? account) => System.Text.Json.JsonSerializer.Serialize(account);
}
