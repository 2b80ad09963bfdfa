using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class RefundPointsTests
{
    [Fact]
    public void A_full_refund_takes_back_every_point_of_the_sale()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(3.20m, quantity: 10, sku: "MUG"));
        var refund = m.Refund("A", Back("MUG", 10));
        Assert.Equal(32, refund.PointsReversed);
        Assert.Equal(0, refund.Balance);
        Assert.False(refund.Duplicate);
        Assert.Empty(m.State.Lots);
    }

    [Fact]
    public void A_partial_refund_keeps_what_the_rest_of_the_sale_earns_rounded_once()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(6.40m, sku: "X"), Item(3.60m, sku: "Y")); // 10.00 -> 10
        Assert.Equal(7, m.Refund("A", Back("X")).PointsReversed);     // 3.60 keeps 3
        Assert.Equal(3, m.Refund("A", Back("Y")).PointsReversed);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void Partial_refunds_of_small_lines_sum_to_what_the_sale_earned()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(0.50m, sku: "A1"), Item(0.50m, sku: "A2"), Item(0.50m, sku: "A3")); // 1 point
        var reversed = new[] { "A1", "A2", "A3" }.Select(sku => m.Refund("A", Back(sku)).PointsReversed).ToArray();
        Assert.Equal([0L, 1L, 0L], reversed);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void Refunding_units_of_a_line_one_by_one_sums_to_the_sale()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(2.50m, quantity: 4, sku: "MUG")); // 10.00 -> 10
        var reversed = Enumerable.Range(0, 4).Select(_ => m.Refund("A", Back("MUG")).PointsReversed).ToArray();
        Assert.Equal([3L, 2L, 3L, 2L], reversed); // kept 7, 5, 2, 0
        Assert.Equal(10, reversed.Sum());
    }

    [Fact]
    public void A_refund_uses_the_rate_the_sale_earned_at()
    {
        var m = new TestMember();
        m.Buy(Item(500m)); // Silver
        m.BuyAs("B", Item(100m, sku: "X"), Item(20m, sku: "Y")); // 150 at 1.25
        Assert.Equal(25, m.Refund("B", Back("Y")).PointsReversed);
    }

    [Fact]
    public void Refunding_a_non_qualifying_line_takes_back_no_points()
    {
        var options = ProgrammeOptions.Demo();
        options.NonQualifyingCategories = ["gift-card"];
        var m = new TestMember(options);
        m.BuyAs("A", Item(50m, sku: "GIFT", category: "gift-card"), Item(10m, sku: "X"));
        var refund = m.Refund("A", Back("GIFT"));
        Assert.Equal(0, refund.PointsReversed);
        Assert.Equal(10, m.Balance);
        Assert.Equal(-50m, m.LastEntry.Amount);
        Assert.Equal(10m, m.State.LifetimeSpend);
    }

    [Fact]
    public void Points_come_back_from_the_sale_s_own_lot_first()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        m.AdvanceDays(1);
        m.BuyAs("B", Item(50m, sku: "X"));
        m.Refund("B", Back("X"));
        var lot = Assert.Single(m.State.Lots);
        Assert.Equal((new DateOnly(2027, 1, 15), 100L), (lot.ExpiresOn, lot.Points));
    }

    [Fact]
    public void When_the_sale_s_lot_is_spent_the_rest_comes_from_the_oldest_lots_then_becomes_debt()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(100m, sku: "X"));
        m.AdvanceDays(1);
        m.Buy(Item(50m));
        m.AdvanceDays(1);
        m.Buy(Item(30m));
        m.Redeem(120); // lot A gone, 30 + 30 left

        var refund = m.Refund("A", Back("X"));

        Assert.Equal(100, refund.PointsReversed);
        Assert.Equal(-40, refund.Balance);
        Assert.Empty(m.State.Lots);
        Assert.Equal(40, m.State.Debt);
        Assert.Equal(-40, m.LastEntry.Balance);
        Assert.Equal(-100, m.LastEntry.Points);
    }

    [Fact]
    public void Later_earnings_repay_the_debt_first()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(100m, sku: "X"));
        m.Redeem(80);
        Assert.Equal(-80, m.Refund("A", Back("X")).Balance);

        var first = m.Buy(Item(50m));
        Assert.Equal(50, first.PointsEarned);
        Assert.Equal(-30, first.Balance);
        Assert.Empty(m.State.Lots);

        var second = m.Buy(Item(40m));
        Assert.Equal(10, second.Balance);
        Assert.Equal(0, m.State.Debt);
        Assert.Equal(10, Assert.Single(m.State.Lots).Points);
    }

    [Fact]
    public void Refunds_take_spend_out_of_the_tier_window_and_lifetime_spend()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(30m, sku: "X"), Item(20m, sku: "Y"));
        m.AdvanceDays(2);
        m.Refund("A", Back("X"));
        Assert.Equal(20m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal(20m, m.State.DailySpend[Day(T0)]);
        Assert.Equal(20m, m.State.LifetimeSpend);
    }

    [Fact]
    public void The_refund_is_written_to_the_ledger()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(3m, quantity: 2, sku: "X"), Item(4m, sku: "Y"));
        m.TryRefundAs("F-9", "A", Back("X", 2));
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.Refund, entry.Kind);
        Assert.Equal("F-9", entry.TransactionId);
        Assert.Equal(-6, entry.Points);
        Assert.Equal(4, entry.Balance);
        Assert.Equal(-6m, entry.Amount);
        Assert.Contains("2 item(s) from A", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sku_on_several_lines_is_returned_in_line_order_and_lines_of_a_request_add_up()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(1m, quantity: 2, sku: "X"), Item(5m, sku: "Y"), Item(1m, quantity: 3, sku: "X"));
        var refund = m.Refund("A", Back("X", 2), Back("X", 2));
        Assert.Equal(4, refund.PointsReversed);
        var sale = m.State.Transactions["A"].Sale!;
        Assert.Equal([2, 0, 2], sale.RefundedQuantities);
        Assert.Equal(1, m.Refund("A", Back("X")).PointsReversed);
        TestMember.Rejected(m.TryRefund("A", Back("X")), RejectionCode.LineNotRefundable);
    }
}
