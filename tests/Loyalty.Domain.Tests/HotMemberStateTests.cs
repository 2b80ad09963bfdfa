using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// One member buying without a pause, as at a busy counter with many tills: the state every write carries stays the
/// same size however many purchases the member has made, while every retry of the transaction window still answers
/// with its first outcome.
/// </summary>
public class HotMemberStateTests
{
    /// <summary>
    /// The state without its outbox (the entries the ledger has not taken yet, which the grain drops once it has): the
    /// profile, a day's point lot and spend, the stamp card, one reward group a day, the day's closed groups. Under 2 KB.
    /// </summary>
    private const int MaxStateBytes = 2 * 1024;

    /// <summary>
    /// What ten times the purchases may add: numbers written as varints growing by a byte (the counters, and the closed
    /// groups' numbers, which are ledger sequences), nothing per purchase.
    /// </summary>
    private const int GrowthSlackBytes = ClosedRewardLimit.MaxRemembered + 32;

    [Fact]
    public void Ten_thousand_purchases_in_a_day_write_no_more_than_one_thousand()
    {
        var m = new TestMember();
        var after1000 = 0;
        for (var i = 1; i <= 10_000; i++)
        {
            m.Now = Kit.T0.AddMilliseconds(i * 250);
            // the load generator's kind of basket: coffees (stamps, a free coffee every few sales) and other lines
            var outcome = m.BuyAs($"P{i}", Coffee(1 + i % 3), Item(2.50m, 1 + i % 2, "CROISSANT"));
            if (i % 4 == 0 && m.OpenRewards.Count > 0)
                m.RedeemReward(m.OpenRewards[0].RewardId);
            if (i % 50 == 0)
                m.Refund($"P{i - 10}", Back("CROISSANT"));
            Assert.False(outcome.Duplicate);
            if (i == 1000)
                after1000 = Written(m.State);
        }

        var after10000 = Written(m.State);
        Assert.InRange(after1000, 1, MaxStateBytes);
        Assert.InRange(after10000, 1, after1000 + GrowthSlackBytes);

        var balance = m.Balance;
        Assert.True(m.BuyAs("P1", Coffee(2), Item(2.50m, 2, "CROISSANT")).Duplicate); // the first of the day, from the ledger
        Assert.True(m.BuyAs("P9999", Coffee(1), Item(2.50m, 2, "CROISSANT")).Duplicate);
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void Beyond_the_bound_the_lowest_closed_rewards_are_let_go_and_still_refused()
    {
        var m = new TestMember();
        var ids = new List<string>();
        for (var i = 0; i < ClosedRewardLimit.MaxRemembered + 6; i++)
        {
            m.Now = Kit.T0.AddMinutes(i);
            var id = Assert.Single(m.Buy(Coffee(9)).RewardsIssued).RewardId;
            m.RedeemReward(id); // the group empties and closes: the next reward opens another
            ids.Add(id);
        }

        Assert.Equal(ClosedRewardLimit.MaxRemembered, m.State.ClosedRewards.Sum(c => c.Numbers.Count));
        Assert.Equal(RewardStatus.Closed, m.StatusOf(ids[0]));
        Assert.Equal(RewardStatus.Closed, m.StatusOf(ids[5]));
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(ids[6]));
        Assert.Contains("was used, has expired or was revoked",
            TestMember.Rejected(m.TryRedeem(null, ids[0]), RejectionCode.RewardUnavailable).Detail, StringComparison.Ordinal);
        Assert.Contains("already used", TestMember.Rejected(m.TryRedeem(null, ids[^1]), RejectionCode.RewardUnavailable).Detail, StringComparison.Ordinal);

        var loaded = StoredState.RoundTrip(m.State); // what is let go of is stored as the highest number let go
        Assert.Equal(m.State.ForgottenClosedRewards!.UpTo, loaded.ForgottenClosedRewards!.UpTo);
        Assert.Equal(m.State.ForgottenClosedRewards.LastClosedOn, loaded.ForgottenClosedRewards.LastClosedOn);

        m.AdvanceDays(m.Programme.Options.TransactionWindowDays + 1);
        Assert.Null(m.State.ForgottenClosedRewards);
        Assert.Empty(m.State.ClosedRewards);
        Assert.Null(m.StatusOf(ids[0]));
    }

    [Fact]
    public void A_voided_redemption_of_a_reward_let_go_opens_it_again()
    {
        var m = new TestMember();
        var redemptions = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < ClosedRewardLimit.MaxRemembered + 1; i++)
        {
            m.Now = Kit.T0.AddMinutes(i);
            var id = Assert.Single(m.Buy(Coffee(9)).RewardsIssued).RewardId;
            redemptions.Add(m.RedeemReward(id).TransactionId);
            ids.Add(id);
        }
        Assert.Equal(RewardStatus.Closed, m.StatusOf(ids[0]));

        m.Void(redemptions[0]);
        Assert.Equal(RewardStatus.Issued, m.StatusOf(ids[0]));
        var balance = m.Balance;
        Assert.Equal(ids[0], m.RedeemReward(ids[0]).RewardRedeemed!.RewardId);
        Assert.Equal(RewardStatus.Closed, m.StatusOf(ids[0])); // closed again, and the lowest number: let go at once
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void A_state_stored_before_the_bound_loads_and_lets_go_of_its_closed_rewards_beyond_it()
    {
        var m = new TestMember();
        var loaded = StoredState.Load(Convert.FromBase64String(RewardCountTests.StateBeforeCounts));
        Assert.Null(loaded.ForgottenClosedRewards);
        Assert.Equal(RewardStatus.Redeemed, Programme.RewardStatusOf(loaded, "coffee-5"));

        for (var i = 0; i < ClosedRewardLimit.MaxRemembered + 2; i++)
        {
            m.Now = Kit.T0.AddHours(3).AddMinutes(i);
            Assert.True(m.Programme.ApplyPurchase(loaded, new Purchase($"N{i}", "S-01", null, [Coffee(9)]), m.Now).IsSuccess);
            for (var n = 0; Programme.OpenRewards(loaded) is [var open, ..]; n++) // every open reward used: its group closes
                Assert.True(m.Programme.ApplyRedemption(loaded, new Redemption($"R{i}-{n}", "S-01", null, open.RewardId), m.Now).IsSuccess);
        }

        var stored = StoredState.RoundTrip(loaded);
        Assert.Equal(ClosedRewardLimit.MaxRemembered, stored.ClosedRewards.Sum(c => c.Numbers.Count));
        Assert.Equal(RewardStatus.Closed, Programme.RewardStatusOf(stored, "coffee-5"));
    }

    /// <summary>What a state write carries once the ledger has the entries: the stored state, outbox emptied.</summary>
    private static int Written(MemberState s)
    {
        var stored = StoredState.RoundTrip(s);
        stored.Outbox.Clear();
        return StoredState.Size(stored);
    }
}
