using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class RedemptionTests
{
    [Fact]
    public void Points_are_taken_from_the_oldest_lot_first()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        m.AdvanceDays(1);
        m.Buy(Item(50m));
        m.AdvanceDays(1);
        m.Buy(Item(25m));

        var outcome = m.Redeem(120);

        Assert.Equal(120, outcome.PointsRedeemed);
        Assert.Equal(55, outcome.Balance);
        Assert.Null(outcome.RewardRedeemed);
        Assert.Equal([30L, 25L], m.State.Lots.Select(l => l.Points).ToArray());
        Assert.Equal(new DateOnly(2027, 1, 16), m.State.Lots[0].ExpiresOn);
    }

    [Fact]
    public void Redeeming_the_whole_balance_leaves_zero_and_no_lots()
    {
        var m = new TestMember();
        m.Buy(Item(40m));
        Assert.Equal(0, m.Redeem(40).Balance);
        Assert.Empty(m.State.Lots);
        Assert.Equal(0, m.State.Debt);
    }

    [Fact]
    public void Redeeming_more_than_the_balance_is_refused_and_changes_nothing()
    {
        var m = new TestMember();
        m.Buy(Item(40m));
        var before = StateSnapshot.Of(m.State);

        var rejection = TestMember.Rejected(m.TryRedeem(41), RejectionCode.InsufficientPoints);

        Assert.Contains("40", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_member_with_no_points_cannot_redeem_one()
    {
        var m = new TestMember();
        TestMember.Rejected(m.TryRedeem(1), RejectionCode.InsufficientPoints);
    }

    [Fact]
    public void A_member_in_debt_cannot_redeem()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(100m, sku: "X"));
        m.Redeem(100);
        m.Refund("A", Back("X"));
        Assert.Equal(-100, m.Balance);
        TestMember.Rejected(m.TryRedeem(1), RejectionCode.InsufficientPoints);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-5L, null)]
    [InlineData(null, null)]
    [InlineData(10L, "coffee-3")]
    public void A_redemption_names_either_positive_points_or_a_reward(long? points, string? rewardId)
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        Assert.Throws<ArgumentException>(() => m.TryRedeem(points, rewardId));
        Assert.Equal(100, m.Balance);
    }

    [Fact]
    public void The_redemption_is_written_to_the_ledger()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        m.TryRedeem(30, transactionId: "R-77");
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.Redemption, entry.Kind);
        Assert.Equal(-30, entry.Points);
        Assert.Equal(70, entry.Balance);
        Assert.Equal("R-77", entry.TransactionId);
        Assert.Equal("S-01", entry.StoreId);
    }

    [Fact]
    public void An_issued_reward_can_be_redeemed_once()
    {
        var m = new TestMember();
        m.Buy(Item(10m));
        var id = m.Buy(Coffee(9)).RewardsIssued[0].RewardId;

        var outcome = m.RedeemReward(id);

        Assert.Equal(new RewardView(id, "free-item", "Free coffee", m.Now.AddDays(90)), outcome.RewardRedeemed);
        Assert.Equal(m.Balance, outcome.Balance);
        Assert.Empty(m.OpenRewards);
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(id));
        Assert.Equal(Day(m.Now), m.ClosedOn(id));
        Assert.Equal(LedgerKinds.RewardRedeemed, m.LastEntry.Kind);
        Assert.Equal(m.Now, m.LastEntry.At);

        var again = TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable);
        Assert.Contains("already used", again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reward_is_unavailable()
    {
        var m = new TestMember();
        var before = StateSnapshot.Of(m.State);
        var rejection = TestMember.Rejected(m.TryRedeem(null, "coffee-999"), RejectionCode.RewardUnavailable);
        Assert.Contains("unknown", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void Redeeming_a_reward_leaves_the_points_alone()
    {
        var m = new TestMember();
        m.Buy(Coffee(9));
        var balance = m.Balance;
        m.RedeemReward(m.OpenRewards[0].RewardId);
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void Redeeming_the_id_of_a_group_uses_one_of_its_rewards_at_a_time()
    {
        var m = new TestMember();
        var id = Assert.Single(m.Buy(Coffee(18)).RewardsIssued).RewardId;
        Assert.Equal(1, m.RedeemReward(id).RewardRedeemed!.Count);
        Assert.Equal(RewardStatus.Issued, m.StatusOf(id));
        Assert.Equal(1, Assert.Single(m.Programme.View(m.State, "M-1", m.Now).Rewards).Count);
        Assert.Equal(id, m.RedeemReward(id).RewardRedeemed!.RewardId);
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(id));
        Assert.Empty(m.Programme.View(m.State, "M-1", m.Now).Rewards);
        Assert.Contains("already used", TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable).Detail, StringComparison.Ordinal);
    }
}
