using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>Open rewards cost a few bytes each in the stored state, and the state stores and loads them whole.</summary>
public class CompactRewardStateTests
{
    /// <summary>
    /// A reward is its number and its expiry time within its batch's day, each a one-byte field header and a varint:
    /// 1 + 3 bytes for a number below a million, 1 + 6 for a time of day in ticks, 11 bytes, 12 with its share of its
    /// day's batch. A reward stored whole (id, card, kind, description, sale, times, status) takes about 76.
    /// </summary>
    private const int MaxBytesPerOpenReward = 12;

    /// <summary>
    /// The whole state: 2,000 rewards at the bound above, and 2 KB for the rest (56 days of point lots and spend, the
    /// profile, the tier): 32 KB.
    /// </summary>
    private const int MaxStateBytes = 32 * 1024;

    [Fact]
    public void Two_thousand_unredeemed_free_coffees_keep_the_stored_state_small()
    {
        var m = new TestMember();
        for (var i = 0; i < 2000; i++)
        {
            // 2,000 sales over 56 days, none of whose rewards expire, at times with sub-second ticks as a real clock gives
            m.AdvanceTo(T0.AddMinutes(i * 40).AddTicks(i * 1_234_567L));
            Assert.Single(m.Buy(Coffee(9)).RewardsIssued);
            m.State.Outbox.Clear(); // as the grain does once the ledger has the entries
        }

        var size = StoredState.Size(m.State);
        var withoutRewards = StoredState.RoundTrip(m.State);
        withoutRewards.RewardBatches.Clear();
        var perReward = (double)(size - StoredState.Size(withoutRewards)) / 2000;

        Assert.Equal(2000, m.Programme.View(m.State, "M-1", m.Now).Rewards.Count);
        Assert.Equal(56, m.State.RewardBatches.Count); // one per expiry day
        Assert.InRange(perReward, 1, MaxBytesPerOpenReward);
        Assert.InRange(size, 1, MaxStateBytes);
    }

    [Fact]
    public void Open_and_closed_rewards_survive_storing_and_loading()
    {
        var m = new TestMember();
        var used = m.BuyAs("A", Coffee(9)).RewardsIssued[0].RewardId;
        m.AdvanceTo(T0.AddHours(3).AddTicks(7));
        var revoked = m.BuyAs("B", Coffee(9)).RewardsIssued[0].RewardId;
        m.AdvanceTo(T0.AddDays(1).AddTicks(-1));
        var open = m.BuyAs("C", Coffee(18)).RewardsIssued.Select(r => r.RewardId).ToArray();
        m.RedeemReward(used);
        m.Refund("B", Back("LATTE"));

        var loaded = StoredState.RoundTrip(m.State);
        m.Programme.Recall(loaded, loaded.Outbox, m.Now); // as the grain does on loading: transactions come from the ledger

        Assert.Equal(StateSnapshot.Of(m.State), StateSnapshot.Of(loaded));
        Assert.Equal(Json(m.Programme.View(m.State, "M-1", m.Now)), Json(m.Programme.View(loaded, "M-1", m.Now)));
        Assert.Equal(open, m.Programme.View(loaded, "M-1", m.Now).Rewards.Select(r => r.RewardId).ToArray());
        Assert.Equal(RewardStatus.Redeemed, Programme.RewardStatusOf(loaded, used));
        Assert.Equal(RewardStatus.Revoked, Programme.RewardStatusOf(loaded, revoked));
        Assert.Equal(open[1], m.Programme.ApplyRedemption(loaded, new Redemption("R-9", "S-01", null, open[1]), m.Now)
            .Value!.RewardRedeemed!.RewardId);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
