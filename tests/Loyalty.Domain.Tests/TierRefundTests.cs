using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class TierRefundTests
{
    [Fact]
    public void Refunding_the_sale_that_reached_a_tier_withdraws_it()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(600m, sku: "TV"));
        m.AdvanceDays(1);

        var refund = m.Refund("A", Back("TV"));

        Assert.Equal(750, refund.PointsReversed);
        Assert.Equal(0, refund.Balance);
        Assert.Equal("Member", m.State.Tier);
        var change = m.LastEntry;
        Assert.Equal(LedgerKinds.TierChanged, change.Kind);
        Assert.Contains("refund", change.Description, StringComparison.Ordinal);
        Assert.Equal("F0001", change.TransactionId);
    }

    [Fact]
    public void A_partial_refund_that_keeps_the_spend_above_the_threshold_keeps_the_tier()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(500m, sku: "TV"), Item(100m, sku: "CABLE"));
        var refund = m.Refund("A", Back("CABLE"));
        Assert.Equal(125, refund.PointsReversed); // 750 earned, 625 kept
        Assert.Equal("Silver", m.State.Tier);
        Assert.Single(m.Entries(LedgerKinds.TierChanged));
    }

    [Fact]
    public void Refunding_an_earlier_sale_withdraws_a_tier_reached_later()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(300m, sku: "X"));
        m.AdvanceDays(1);
        m.BuyAs("B", Item(300m, sku: "Y")); // Silver reached here, with the help of A
        m.AdvanceDays(1);

        m.Refund("A", Back("X"));

        Assert.Equal("Member", m.State.Tier);
        Assert.Equal(300m, m.Programme.QualifyingSpend(m.State, m.Now));
    }

    [Fact]
    public void A_tier_reached_before_the_refunded_sale_is_not_withdrawn()
    {
        var m = new TestMember();
        m.Buy(Item(300m));
        m.AdvanceTo(T0.AddMonths(6));
        m.Buy(Item(300m)); // Silver reached, held until T0 + 18 months
        m.AdvanceTo(T0.AddMonths(12).AddDays(1));
        Assert.Equal(300m, m.Programme.QualifyingSpend(m.State, m.Now));
        m.BuyAs("C", Item(50m, sku: "Z"));
        m.AdvanceDays(1);

        m.Refund("C", Back("Z"));

        Assert.Equal("Silver", m.State.Tier);
        Assert.Single(m.Entries(LedgerKinds.TierChanged));
    }

    [Fact]
    public void A_withdrawn_tier_falls_back_to_the_previous_tier_while_its_hold_runs()
    {
        var m = new TestMember();
        m.Buy(Item(300m));
        m.AdvanceTo(T0.AddMonths(6));
        m.Buy(Item(300m)); // Silver
        var silverAt = m.Now;
        m.AdvanceTo(T0.AddMonths(12).AddDays(1)); // spend 300, Silver held
        m.BuyAs("B", Item(1800m, sku: "SOFA")); // Gold
        Assert.Equal("Gold", m.State.Tier);

        m.Refund("B", Back("SOFA"));

        Assert.Equal("Silver", m.State.Tier);
        Assert.Equal(silverAt, m.State.TierReachedAt);
        Assert.Contains("\"from\":\"Gold\",\"to\":\"Silver\"", m.LastEntry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawn_tier_falls_to_the_spend_tier_when_the_previous_hold_has_ended()
    {
        var m = new TestMember();
        m.Buy(Item(600m)); // Silver at T0
        m.AdvanceTo(T0.AddMonths(12).AddDays(-10));
        m.BuyAs("B", Item(1500m, sku: "SOFA")); // spend 2100: Gold
        m.AdvanceTo(T0.AddMonths(12).AddDays(1)); // the 600 left the window; Silver's hold ended
        Assert.Equal("Gold", m.State.Tier);

        m.Refund("B", Back("SOFA"));

        Assert.Equal("Member", m.State.Tier);
    }

    [Fact]
    public void Refunding_both_sales_that_climbed_two_tiers_returns_to_the_lowest_tier()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(600m, sku: "TV"));      // Member -> Silver
        m.AdvanceDays(1);
        m.BuyAs("B", Item(1500m, sku: "SOFA"));   // Silver -> Gold
        m.AdvanceDays(1);

        m.Refund("B", Back("SOFA"));
        Assert.Equal("Silver", m.State.Tier);

        m.Refund("A", Back("TV"));
        Assert.Equal("Member", m.State.Tier); // Silver was reached with A: it goes too
        Assert.Equal(0m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal(0, m.Balance);
        Assert.Equal(1, m.Buy(Item(1m)).PointsEarned);
    }

    [Fact]
    public void Refunding_a_sale_that_jumped_two_tiers_can_leave_the_middle_tier()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(1500m, sku: "SOFA"), Item(600m, sku: "TV")); // straight to Gold
        m.AdvanceDays(1);

        m.Refund("A", Back("SOFA"));

        Assert.Equal("Silver", m.State.Tier);
        Assert.Equal(600m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal(900, m.Balance); // what is kept was earned at the sale's own rate (Gold)
    }

    [Fact]
    public void Refunding_the_sale_that_reached_the_previous_tier_withdraws_that_tier_too()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(1600m, sku: "SOFA")); // Member -> Silver
        m.AdvanceDays(1);
        m.BuyAs("B", Item(400m, sku: "LAMP"));  // Silver -> Gold
        m.AdvanceDays(1);

        m.Refund("A", Back("SOFA"));

        Assert.Equal("Member", m.State.Tier); // 400 left: Silver came with A and goes with it
    }

    [Fact]
    public void Refunding_in_either_order_ends_in_the_lowest_tier()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(1600m, sku: "SOFA"));
        m.AdvanceDays(1);
        m.BuyAs("B", Item(400m, sku: "LAMP"));
        m.AdvanceDays(1);

        m.Refund("B", Back("LAMP"));
        Assert.Equal("Silver", m.State.Tier);
        m.Refund("A", Back("SOFA"));
        Assert.Equal("Member", m.State.Tier);
        Assert.Equal(2, m.Entries(LedgerKinds.TierChanged).Count(e => e.Description.Contains("refund", StringComparison.Ordinal)));
    }

    [Fact]
    public void Future_purchases_after_a_withdrawal_earn_at_the_tier_left()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(500m, sku: "TV"));
        m.Refund("A", Back("TV"));
        Assert.Equal(100, m.Buy(Item(100m)).PointsEarned);
        Assert.Equal("Member", m.State.Tier);
    }
}
