using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>Time-driven rules on the grain: these tests move the programme's clock, so they have a cluster of their own.</summary>
public sealed class ExpiryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Points_and_rewards_expire_with_ledger_entries_and_the_tier_follows_spend_after_its_hold()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 600m));
        await grain.Purchase(Commands.Coffees("T-2", 9));
        Assert.Equal("Silver", (await grain.GetAccount())!.Tier);

        fixture.Time.Advance(TimeSpan.FromDays(91));
        var afterRewardExpiry = await grain.GetAccount();
        Assert.Empty(afterRewardExpiry!.Rewards);
        Assert.Equal(750 + 36, afterRewardExpiry.Points); // Silver from the first sale: 600 × 1.25, then 28.80 × 1.25
        fixture.Time.Advance(TimeSpan.FromDays(366));
        var afterYear = await grain.GetAccount();

        Assert.Equal(0, afterYear!.Points);
        Assert.Equal("Member", afterYear.Tier);
        var kinds = (await grain.GetActivity(null, 50))!.Entries.Select(e => e.Kind).ToList();
        Assert.Contains(LedgerKinds.RewardExpired, kinds);
        Assert.Contains(LedgerKinds.PointsExpired, kinds);
        Assert.Equal(LedgerKinds.TierChanged, kinds[0]);
    }
}
