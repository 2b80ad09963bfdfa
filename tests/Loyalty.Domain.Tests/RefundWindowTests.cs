using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// Refunds are accepted for <see cref="ProgrammeOptions.RefundWindowDays"/> (90) after the sale, whatever the
/// transaction window (30): a sale the member no longer remembers is rebuilt from its ledger entries and the refunds
/// that named it.
/// </summary>
public class RefundWindowTests
{
    /// <summary>A member with sale "A" (2 × X at 10.00, 1 × Y at 5.00: 25 points) at T0.</summary>
    private static TestMember MemberWithSale(ProgrammeOptions? options = null)
    {
        var m = new TestMember(options);
        m.BuyAs("A", Item(10m, quantity: 2, sku: "X"), Item(5m, sku: "Y"));
        return m;
    }

    [Fact]
    public void A_refund_60_days_after_the_sale_works_from_the_sale_read_back_from_the_ledger()
    {
        var m = MemberWithSale();
        m.Buy(Item(40m)); // more points, so the balance stays positive
        m.AdvanceTo(T0.AddDays(60));
        Assert.Equal(30, m.Programme.Options.TransactionWindowDays);
        Assert.False(m.State.Transactions.ContainsKey("A")); // forgotten by the state

        var refund = new Refund("F-1", "S-01", "A", [Back("X")]);
        var older = m.RecallOlderSale(refund);
        Assert.NotNull(older);
        Assert.Equal([2, 1], older.Sale!.Lines.Select(l => l.Quantity));

        var outcome = TestMember.Ok(m.Programme.ApplyRefund(m.State, refund, m.Now, older));
        Assert.Equal(10, outcome.PointsReversed);
        Assert.Equal(55, outcome.Balance);
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.Refund, entry.Kind);
        Assert.Equal(-10, entry.Points);
        Assert.Equal(-10m, entry.Amount);
    }

    [Fact]
    public void Without_the_ledger_read_a_sale_beyond_the_transaction_window_is_unknown()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(60));
        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.Programme.ApplyRefund(m.State, new Refund("F-1", "S-01", "A", [Back("X")]), m.Now),
            RejectionCode.UnknownOriginalTransaction);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_refund_on_the_last_day_of_the_refund_window_works()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(90).AddMinutes(-1));
        Assert.Equal(25, m.Refund("A", Back("X", 2), Back("Y")).PointsReversed);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void A_refund_after_the_refund_window_is_refused_naming_the_window_and_changes_nothing()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(90).AddMinutes(1));
        m.AdvanceTo(m.Now); // the housekeeping is done: the refusal alone must change nothing
        var before = StateSnapshot.Of(m.State);

        var rejection = TestMember.Rejected(m.TryRefund("A", Back("X")), RejectionCode.RefundWindowClosed);

        Assert.Contains("90 days", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("'A'", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal(25, m.Balance);
    }

    [Fact]
    public void The_refund_window_is_counted_from_when_the_sale_occurred()
    {
        var m = new TestMember();
        m.BuyAt(T0.AddDays(-20), Item(10m, sku: "X")); // back-dated by 20 days, recorded at T0
        m.AdvanceTo(T0.AddDays(71));
        TestMember.Rejected(m.TryRefund("T0001", Back("X")), RejectionCode.RefundWindowClosed);
        m.Now = T0.AddDays(69);
        Assert.Equal(10, m.Refund("T0001", Back("X")).PointsReversed);
    }

    [Fact]
    public void The_same_lines_cannot_be_refunded_twice_even_once_the_first_refund_is_forgotten()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(35));
        TestMember.Ok(m.TryRefundAs("F-1", "A", [Back("X", 2)]));
        m.AdvanceTo(T0.AddDays(80)); // the refund F-1 is now beyond the transaction window as well
        Assert.False(m.State.Transactions.ContainsKey("F-1"));

        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.TryRefund("A", Back("X")), RejectionCode.LineNotRefundable);
        // A retry of F-1 is a new transaction now, and its lines are refunded already.
        TestMember.Rejected(m.TryRefundAs("F-1", "A", [Back("X", 2)]), RejectionCode.LineNotRefundable);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal(5, m.Balance);
    }

    [Fact]
    public void A_partial_refund_then_the_rest_works()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(40));
        Assert.Equal(10, m.Refund("A", Back("X")).PointsReversed);
        m.AdvanceTo(T0.AddDays(70));
        TestMember.Rejected(m.TryRefund("A", Back("X", 2)), RejectionCode.LineNotRefundable);
        Assert.Equal(15, m.Refund("A", Back("X"), Back("Y")).PointsReversed);
        Assert.Equal(0, m.Balance);
        TestMember.Rejected(m.TryRefund("A", Back("Y")), RejectionCode.LineNotRefundable);
    }

    [Fact]
    public void A_refund_of_an_older_sale_comes_out_of_the_rolling_spend_and_withdraws_the_tier_it_reached()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(600m, sku: "TV"));
        Assert.Equal("Silver", m.State.Tier);
        m.AdvanceTo(T0.AddDays(60));

        Assert.Equal(750, m.Refund("A", Back("TV")).PointsReversed);

        Assert.Equal(0m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal("Member", m.State.Tier);
        Assert.Equal(LedgerKinds.TierChanged, m.LastEntry.Kind);
    }

    [Fact]
    public void A_refund_of_an_older_sale_claws_back_its_stamps()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(4));
        m.AdvanceTo(T0.AddDays(60));
        Assert.Equal(3, m.Refund("A", Back("LATTE", 3)).StampsReversed);
        Assert.Equal(1, m.Stamps());
    }

    [Fact]
    public void Points_of_a_refunded_sale_that_expired_meanwhile_are_taken_from_the_other_points_then_owed()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsExpiryMonths = 1;
        var m = MemberWithSale(options); // 25 points expiring a month after T0
        m.AdvanceTo(T0.AddDays(40));
        m.Buy(Item(15m)); // 15 points of a later lot
        m.AdvanceTo(T0.AddDays(50)); // A's points expired
        Assert.Equal(15, m.Balance);

        var refund = m.Refund("A", Back("X", 2), Back("Y"));

        // As inside the transaction window: the points the sale earned are clawed back whole, from the member's other
        // points first, and beyond them owed (the balance goes negative and later earnings repay it first).
        Assert.Equal(25, refund.PointsReversed);
        Assert.Equal(-10, refund.Balance);
        Assert.Equal(10, m.State.Debt);
    }

    [Fact]
    public void The_refund_window_is_configuration_and_may_be_shorter_than_the_transaction_window()
    {
        var options = ProgrammeOptions.Demo();
        options.RefundWindowDays = 10;
        var m = MemberWithSale(options);
        m.AdvanceTo(T0.AddDays(11));
        Assert.True(m.State.Transactions.ContainsKey("A"));
        TestMember.Rejected(m.TryRefund("A", Back("X")), RejectionCode.RefundWindowClosed);
    }
}
