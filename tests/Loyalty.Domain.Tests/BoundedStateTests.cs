using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class BoundedStateTests
{
    [Fact]
    public void Beyond_the_count_bound_the_oldest_transactions_are_forgotten()
    {
        var m = new TestMember();
        for (var i = 1; i <= 1100; i++)
        {
            m.Now = T0.AddSeconds(i);
            m.BuyAs($"P{i}", Item(1m));
        }

        Assert.Equal(200, m.Programme.Options.MaxRememberedTransactions);
        Assert.InRange(m.State.Transactions.Count, 180, 200);    // beyond the bound, the oldest tenth goes at once
        Assert.False(m.State.Transactions.ContainsKey("P900"));
        Assert.True(m.State.Transactions.ContainsKey("P921"));
        Assert.True(m.State.Transactions.ContainsKey("P1100"));
        Assert.Equal(1100, m.Balance); // forgetting transactions forgets no points
        TestMember.Rejected(m.TryRefund("P1", Back("ITEM")), RejectionCode.UnknownOriginalTransaction);
    }

    [Fact]
    public void Transactions_are_forgotten_after_the_window()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(1m));
        m.AdvanceDays(10);
        m.BuyAs("B", Item(1m));

        Assert.True(m.AdvanceTo(T0.AddDays(30).AddSeconds(1)));
        Assert.Equal(["B"], m.State.Transactions.Keys.ToArray());
        Assert.Equal(T0.AddDays(40), m.State.NextTransactionPruneAt);

        m.AdvanceTo(T0.AddDays(41));
        Assert.Empty(m.State.Transactions);
        Assert.Null(m.State.NextTransactionPruneAt);
    }

    [Fact]
    public void A_forgotten_id_is_a_new_transaction()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(10m));
        m.AdvanceDays(31);
        Assert.False(m.BuyAs("A", Item(10m)).Duplicate);
        Assert.Equal(20, m.Balance);
    }

    [Fact]
    public void Four_hundred_days_of_daily_purchases_keep_the_state_bounded()
    {
        var m = new TestMember();
        for (var day = 0; day < 400; day++)
        {
            m.AdvanceTo(T0.AddDays(day));
            m.Buy(Item(1m));
        }

        Assert.InRange(m.State.DailySpend.Count, 360, 366);
        Assert.Equal(m.State.DailySpend.Values.Sum(), m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.InRange(m.State.Lots.Count, 360, 367);
        Assert.InRange(m.State.Transactions.Count, 30, 32);
        Assert.Equal(400m, m.State.LifetimeSpend);
        Assert.Equal(m.State.Lots.Sum(l => l.Points), m.Balance);
        Assert.True(m.Entries(LedgerKinds.PointsExpired).Count() >= 30);
    }

    [Fact]
    public void Spend_days_are_forgotten_once_they_leave_the_tier_window()
    {
        var m = new TestMember();
        m.Buy(Item(1m));
        m.AdvanceTo(T0.AddMonths(12).AddDays(-1));
        Assert.Single(m.State.DailySpend);
        m.AdvanceTo(T0.AddMonths(12));
        Assert.Empty(m.State.DailySpend);
    }

    [Fact]
    public void Closed_rewards_are_forgotten_after_the_transaction_window()
    {
        var m = new TestMember();
        var id = m.Buy(Coffee(9)).RewardsIssued[0].RewardId;
        m.AdvanceDays(1);
        m.Buy(Coffee(9)); // expires a day later: a group of its own
        m.RedeemReward(id);
        m.AdvanceDays(30);
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(id));
        Assert.Contains("already used", TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable).Detail, StringComparison.Ordinal);
        m.AdvanceDays(1);
        Assert.Empty(m.State.ClosedRewards);
        Assert.Null(m.StatusOf(id));
        var left = Assert.Single(m.OpenRewards);
        Assert.NotEqual(id, left.RewardId);
        Assert.Contains("unknown", TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_rewards_are_forgotten_too()
    {
        var m = new TestMember();
        var id = Assert.Single(m.Buy(Coffee(9)).RewardsIssued).RewardId;
        m.AdvanceTo(T0.AddDays(90));
        Assert.Equal(RewardStatus.Expired, m.StatusOf(id));
        Assert.Empty(m.State.RewardBatches);
        m.AdvanceTo(T0.AddDays(121));
        Assert.Empty(m.State.ClosedRewards);
        Assert.Null(m.StatusOf(id));
    }

    [Fact]
    public void A_small_count_bound_is_honoured()
    {
        var options = ProgrammeOptions.Demo();
        options.MaxRememberedTransactions = 10;
        var m = new TestMember(options);
        for (var i = 1; i <= 25; i++)
        {
            m.Now = T0.AddMinutes(i);
            m.BuyAs($"P{i}", Item(1m));
            Assert.True(m.State.Transactions.Count <= 10);
        }
        var kept = m.State.Transactions.Count;
        Assert.InRange(kept, 9, 10);                               // beyond the bound, the oldest tenth goes at once
        Assert.Equal(Enumerable.Range(26 - kept, kept).Select(i => $"P{i}").ToHashSet(), m.State.Transactions.Keys.ToHashSet());
    }
}
