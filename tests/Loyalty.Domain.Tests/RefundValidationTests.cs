using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class RefundValidationTests
{
    private static TestMember MemberWithSale()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(10m, quantity: 2, sku: "X"), Item(5m, sku: "Y"));
        return m;
    }

    private static void RefusedWithoutChange(TestMember m, RejectionCode code, params RefundLine[] lines) =>
        RefusedWithoutChange(m, code, "A", lines);

    private static void RefusedWithoutChange(TestMember m, RejectionCode code, string original, params RefundLine[] lines)
    {
        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.TryRefund(original, lines), code);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void An_unknown_original_transaction_is_refused()
    {
        RefusedWithoutChange(MemberWithSale(), RejectionCode.UnknownOriginalTransaction, "NOPE", Back("X"));
    }

    [Fact]
    public void A_redemption_is_not_a_sale_to_refund()
    {
        var m = MemberWithSale();
        TestMember.Ok(m.TryRedeem(5, transactionId: "R-X"));
        RefusedWithoutChange(m, RejectionCode.UnknownOriginalTransaction, "R-X", Back("X"));
    }

    [Fact]
    public void A_refund_is_not_a_sale_to_refund()
    {
        var m = MemberWithSale();
        TestMember.Ok(m.TryRefundAs("F-Y", "A", [Back("Y")]));
        RefusedWithoutChange(m, RejectionCode.UnknownOriginalTransaction, "F-Y", Back("Y"));
    }

    [Fact]
    public void A_sku_that_is_not_in_the_sale_is_refused()
    {
        var m = MemberWithSale();
        RefusedWithoutChange(m, RejectionCode.LineNotRefundable, Back("Z"));
        RefusedWithoutChange(m, RejectionCode.LineNotRefundable, Back("x")); // skus match exactly
    }

    [Fact]
    public void More_units_than_were_bought_are_refused()
    {
        RefusedWithoutChange(MemberWithSale(), RejectionCode.LineNotRefundable, Back("X", 3));
    }

    [Fact]
    public void Lines_already_refunded_cannot_be_refunded_again()
    {
        var m = MemberWithSale();
        m.Refund("A", Back("X", 2));
        RefusedWithoutChange(m, RejectionCode.LineNotRefundable, Back("X"));
        Assert.Equal(5, m.Refund("A", Back("Y")).PointsReversed);
    }

    [Fact]
    public void Lines_of_one_request_that_together_exceed_the_sale_are_refused()
    {
        RefusedWithoutChange(MemberWithSale(), RejectionCode.LineNotRefundable, Back("X"), Back("X"), Back("X"));
    }

    [Fact]
    public void One_bad_line_refuses_the_whole_refund()
    {
        var m = MemberWithSale();
        RefusedWithoutChange(m, RejectionCode.LineNotRefundable, Back("X"), Back("Z"));
        Assert.Equal([0, 0], m.State.Transactions["A"].Sale!.RefundedQuantities);
    }

    [Fact]
    public void A_sale_can_be_refunded_on_the_last_day_of_the_window()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(30).AddMinutes(-1));
        Assert.Equal(25, m.Refund("A", Back("X", 2), Back("Y")).PointsReversed);
    }

    [Fact]
    public void A_sale_older_than_the_refund_window_is_refused()
    {
        var m = MemberWithSale();
        m.AdvanceTo(T0.AddDays(90).AddMinutes(1));
        RefusedWithoutChange(m, RejectionCode.RefundWindowClosed, Back("X"));
        Assert.Equal(25, m.Balance);
    }

    [Fact]
    public void A_failed_refund_may_be_retried_with_the_same_transaction_id()
    {
        var m = MemberWithSale();
        TestMember.Rejected(m.TryRefundAs("F-Z", "A", [Back("Z")]), RejectionCode.LineNotRefundable);
        Assert.Equal(5, TestMember.Ok(m.TryRefundAs("F-Z", "A", [Back("Y")])).PointsReversed);
    }
}
