using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class RefundStampTests
{
    [Fact]
    public void Refunded_coffees_take_their_stamps_back()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(5), Item(2m, sku: "MUFFIN", category: "bakery"));
        var refund = m.Refund("A", Back("LATTE", 2), Back("MUFFIN"));
        Assert.Equal(2, refund.StampsReversed);
        Assert.Equal(3, m.Stamps());
    }

    [Fact]
    public void Refunding_other_lines_reverses_no_stamp()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(5), Item(2m, sku: "MUFFIN", category: "bakery"));
        Assert.Equal(0, m.Refund("A", Back("MUFFIN")).StampsReversed);
        Assert.Equal(5, m.Stamps());
    }

    [Fact]
    public void Refunding_a_coffee_of_the_purchase_that_completed_a_card_revokes_the_reward()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(9));
        var id = m.OpenRewards[0].RewardId;

        var refund = m.Refund("A", Back("LATTE"));

        Assert.Equal(1, refund.StampsReversed);
        Assert.Equal(8, m.Stamps()); // 0 - 1 + 9: the card is as if eight coffees were bought
        Assert.Empty(m.OpenRewards);
        Assert.Equal(RewardStatus.Revoked, m.StatusOf(id));
        Assert.Equal(Day(m.Now), m.ClosedOn(id));
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.RewardRevoked, entry.Kind);
        Assert.Equal(m.Now, entry.At);
        Assert.Contains(id, entry.Details, StringComparison.Ordinal);
        var rejection = TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable);
        Assert.Contains("revoked", rejection.Detail, StringComparison.Ordinal);
        Assert.Empty(m.Programme.View(m.State, "M-1", m.Now).Rewards);
    }

    [Fact]
    public void Refunding_all_of_twenty_coffees_revokes_both_rewards()
    {
        var m = new TestMember();
        var issued = Assert.Single(m.BuyAs("A", Coffee(20)).RewardsIssued);
        m.Refund("A", Back("LATTE", 20));
        Assert.Equal(2, issued.Count);
        Assert.Equal(RewardStatus.Revoked, m.StatusOf(issued.RewardId));
        Assert.Empty(m.OpenRewards);
        Assert.Equal(0, m.Stamps());
        var revoked = Assert.Single(m.Entries(LedgerKinds.RewardRevoked)); // one entry for the group, with its count
        Assert.Equal("2 × Free coffee revoked by refund", revoked.Description);
        Assert.Contains("\"count\":2", revoked.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Refunding_some_of_twenty_coffees_revokes_only_what_the_card_cannot_cover()
    {
        var m = new TestMember();
        var issued = Assert.Single(m.BuyAs("A", Coffee(20)).RewardsIssued); // 2 rewards, 2 stamps
        m.Refund("A", Back("LATTE", 5)); // 15 coffees: 1 reward, 6 stamps
        Assert.Equal(6, m.Stamps());
        Assert.Equal(2, issued.Count);
        Assert.Equal(RewardStatus.Issued, m.StatusOf(issued.RewardId)); // one of the two is left
        Assert.Equal(1, Assert.Single(m.OpenRewards).Count);
        Assert.Equal("Free coffee revoked by refund", Assert.Single(m.Entries(LedgerKinds.RewardRevoked)).Description);
    }

    [Fact]
    public void A_card_that_stays_at_or_above_zero_revokes_nothing()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(9));
        m.Buy(Coffee(5));
        m.Refund("A", Back("LATTE", 3));
        Assert.Equal(2, m.Stamps());
        Assert.Single(m.OpenRewards);
        Assert.Empty(m.State.ClosedRewards);
        Assert.Empty(m.Entries(LedgerKinds.RewardRevoked));
    }

    [Fact]
    public void A_used_reward_is_not_revoked_and_the_stamps_stay_owed()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(9));
        var id = m.OpenRewards[0].RewardId;
        m.RedeemReward(id);

        m.Refund("A", Back("LATTE", 9));

        Assert.Equal(-9, m.Stamps());
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(id));
        Assert.Empty(m.Entries(LedgerKinds.RewardRevoked));
        var next = m.Buy(Coffee(9));
        Assert.Empty(next.RewardsIssued); // the owed card is paid back first
        Assert.Equal(0, m.Stamps());
        Assert.Single(m.Buy(Coffee(9)).RewardsIssued);
    }

    [Fact]
    public void An_expired_reward_is_not_revoked()
    {
        var options = ProgrammeOptions.Demo();
        options.RewardExpiryDays = 5;
        var m = new TestMember(options);
        var id = Assert.Single(m.BuyAs("A", Coffee(9)).RewardsIssued).RewardId;
        m.AdvanceDays(6);
        m.Refund("A", Back("LATTE"));
        Assert.Equal(-1, m.Stamps());
        Assert.Equal(RewardStatus.Expired, m.StatusOf(id));
        Assert.Empty(m.Entries(LedgerKinds.RewardRevoked));
    }

    [Fact]
    public void A_reward_issued_by_another_purchase_is_left_alone()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(5));
        m.BuyAs("B", Coffee(4)); // completes the card
        m.Refund("A", Back("LATTE", 5));
        Assert.Equal(-5, m.Stamps());
        Assert.Single(m.OpenRewards);
        Assert.Empty(m.State.ClosedRewards);
    }

    [Fact]
    public void Stamps_and_points_of_a_coffee_refund_come_back_together()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(2)); // 6.40 -> 6
        var refund = m.Refund("A", Back("LATTE"));
        Assert.Equal(3, refund.PointsReversed); // 3.20 keeps 3
        Assert.Equal(1, refund.StampsReversed);
        Assert.Equal(3, refund.Balance);
    }
}
