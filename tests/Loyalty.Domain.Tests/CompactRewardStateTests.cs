using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>Open rewards are counted by card and expiry day in the stored state, and the state stores and loads them whole.</summary>
public class CompactRewardStateTests
{
    /// <summary>
    /// A group is its number, its expiry time within its batch's day and its count, each a one-byte field header and a
    /// varint, with the batch's card and day: about 30 bytes however many rewards it holds.
    /// </summary>
    private const int MaxBytesPerGroup = 40;

    /// <summary>The whole state: 56 groups at the bound above, and 2 KB for the rest (56 days of point lots and spend, the
    /// profile, the tier): under 16 KB.</summary>
    private const int MaxStateBytes = 16 * 1024;

    [Fact]
    public void Two_thousand_unredeemed_free_coffees_are_one_group_per_expiry_day()
    {
        var m = new TestMember();
        for (var i = 0; i < 2000; i++)
        {
            // 2,000 sales over 56 days, none of whose rewards expire, at times with sub-second ticks as a real clock gives
            m.AdvanceTo(T0.AddMinutes(i * 40).AddTicks(i * 1_234_567L));
            Assert.Equal(1, Assert.Single(m.Buy(Coffee(9)).RewardsIssued).Count);
            m.State.Outbox.Clear(); // as the grain does once the ledger has the entries
        }

        var size = StoredState.Size(m.State);
        var withoutRewards = StoredState.RoundTrip(m.State);
        withoutRewards.RewardBatches.Clear();
        var perGroup = (double)(size - StoredState.Size(withoutRewards)) / 56;

        var rewards = m.Programme.View(m.State, "M-1", m.Now).Rewards;
        Assert.Equal(56, rewards.Count); // one per expiry day
        Assert.Equal(2000, rewards.Sum(r => r.Count));
        Assert.Equal(56, m.State.RewardBatches.Count);
        Assert.InRange(perGroup, 1, MaxBytesPerGroup);
        Assert.InRange(size, 1, MaxStateBytes);
    }

    [Fact]
    public void Open_and_closed_rewards_survive_storing_and_loading()
    {
        var m = new TestMember();
        var used = m.BuyAs("A", Coffee(9)).RewardsIssued[0].RewardId;
        m.AdvanceTo(T0.AddDays(1).AddHours(3).AddTicks(7));
        var revoked = m.BuyAs("B", Coffee(9)).RewardsIssued[0].RewardId;
        m.AdvanceTo(T0.AddDays(2).AddTicks(-1));
        var open = m.BuyAs("C", Coffee(18)).RewardsIssued.Select(r => r.RewardId).ToArray();
        m.RedeemReward(used);
        m.Refund("B", Back("LATTE"));
        m.RedeemReward(open[0]); // one of C's two

        var loaded = StoredState.RoundTrip(m.State);
        m.Programme.Recall(loaded, loaded.Outbox, m.Now); // as the grain does on loading: transactions come from the ledger

        Assert.Equal(StateSnapshot.Of(m.State), StateSnapshot.Of(loaded));
        Assert.Equal(Json(m.Programme.View(m.State, "M-1", m.Now)), Json(m.Programme.View(loaded, "M-1", m.Now)));
        Assert.Equal([(open[0], 1)], m.Programme.View(loaded, "M-1", m.Now).Rewards.Select(r => (r.RewardId, r.Count)));
        Assert.Equal(RewardStatus.Redeemed, Programme.RewardStatusOf(loaded, used));
        Assert.Equal(RewardStatus.Revoked, Programme.RewardStatusOf(loaded, revoked));
        Assert.Equal(open[0], m.Programme.ApplyRedemption(loaded, new Redemption("R-9", "S-01", null, open[0]), m.Now)
            .Value!.RewardRedeemed!.RewardId);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
