using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.BackOffice;

public class AdjustmentTests
{
    [Fact]
    public void Added_points_form_a_lot_that_expires_like_a_purchase_made_today()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        m.AdvanceDays(10);

        var outcome = m.Adjust(50);

        Assert.Equal(50, outcome.Points);
        Assert.Equal(80, outcome.Balance);
        Assert.Equal(AdjustmentReasons.Goodwill, outcome.Reason);
        Assert.Equal([Day(T0).AddMonths(12), Day(m.Now).AddMonths(12)], m.State.Lots.Select(l => l.ExpiresOn).ToArray());
        Assert.Equal(50, m.State.Lots[1].Points);
    }

    [Fact]
    public void Removed_points_are_taken_oldest_first()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        m.AdvanceDays(1);
        m.Buy(Item(20m));

        var outcome = m.Adjust(-40, AdjustmentReasons.Fraud);

        Assert.Equal(-40, outcome.Points);
        Assert.Equal(10, outcome.Balance);
        Assert.Equal([10L], m.State.Lots.Select(l => l.Points).ToArray());
        Assert.Equal(Day(m.Now).AddMonths(12), m.State.Lots[0].ExpiresOn);
    }

    [Fact]
    public void A_removal_below_zero_is_refused_and_changes_nothing()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        var before = StateSnapshot.Of(m.State);

        var rejection = TestMember.Rejected(m.TryAdjust(-31, AdjustmentReasons.Correction), RejectionCode.InsufficientPoints);

        Assert.Contains("30", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void Added_points_repay_a_debt_first()
    {
        var m = new TestMember();
        m.BuyAs("P1", Item(30m));
        m.Redeem(30);
        m.Refund("P1", Back("ITEM"));
        Assert.Equal(-30, m.Balance);

        Assert.Equal(10, m.Adjust(40).Balance);
        Assert.Equal(0, m.State.Debt);
    }

    [Fact]
    public void More_than_the_configured_limit_either_way_is_refused_naming_the_limit()
    {
        var options = ProgrammeOptions.Demo();
        options.MaxAdjustmentPoints = 100;
        var m = new TestMember(options);
        m.Adjust(100);
        var before = StateSnapshot.Of(m.State);

        var up = TestMember.Rejected(m.TryAdjust(101), RejectionCode.AdjustmentTooLarge);
        TestMember.Rejected(m.TryAdjust(-101), RejectionCode.AdjustmentTooLarge);

        Assert.Contains("Loyalty:Program:MaxAdjustmentPoints", up.Detail, StringComparison.Ordinal);
        Assert.Contains("100", up.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void The_ledger_entry_records_reason_note_and_who()
    {
        var m = new TestMember();
        m.TryAdjust(25, AdjustmentReasons.MissedPurchase, "receipt 4711", "A1", "desk-anna");

        var entry = Assert.Single(m.Entries(LedgerKinds.Adjustment));
        Assert.Equal("A1", entry.TransactionId);
        Assert.Equal(25, entry.Points);
        Assert.Equal(25, entry.Balance);
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal("missed-purchase", details.RootElement.GetProperty("reason").GetString());
        Assert.Equal("receipt 4711", details.RootElement.GetProperty("note").GetString());
        Assert.Equal("desk-anna", details.RootElement.GetProperty("by").GetString());
    }

    [Fact]
    public void The_same_adjustment_again_answers_the_original_and_a_changed_one_is_refused()
    {
        var m = new TestMember();
        var first = TestMember.Ok(m.TryAdjust(25, note: "sorry", transactionId: "A1"));

        var again = TestMember.Ok(m.TryAdjust(25, note: "sorry", transactionId: "A1", by: "someone-else"));
        TestMember.Rejected(m.TryAdjust(26, note: "sorry", transactionId: "A1"), RejectionCode.TransactionIdReused);
        TestMember.Rejected(m.TryAdjust(25, AdjustmentReasons.Correction, "sorry", "A1"), RejectionCode.TransactionIdReused);
        TestMember.Rejected(m.TryAdjust(25, note: "other", transactionId: "A1"), RejectionCode.TransactionIdReused);

        Assert.True(again.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(25, m.Balance);
        Assert.Single(m.Entries(LedgerKinds.Adjustment));
    }

    [Fact]
    public void After_a_rebuild_from_the_ledger_a_replay_still_answers_the_original()
    {
        var m = new TestMember();
        var first = TestMember.Ok(m.TryAdjust(25, transactionId: "A1"));
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        var again = TestMember.Ok(m.TryAdjust(25, transactionId: "A1"));

        Assert.Equal(first with { Duplicate = true }, again);
        TestMember.Rejected(m.TryAdjust(24, transactionId: "A1"), RejectionCode.TransactionIdReused);
    }

    [Fact]
    public void A_purchase_id_cannot_be_reused_for_an_adjustment()
    {
        var m = new TestMember();
        m.BuyAs("P1", Item(30m));
        TestMember.Rejected(m.TryAdjust(5, transactionId: "P1"), RejectionCode.TransactionIdReused);
    }

    [Theory]
    [InlineData(0L, "goodwill")]
    [InlineData(5L, "bribe")]
    [InlineData(long.MinValue, "fraud")]
    public void A_command_without_points_or_with_an_unknown_reason_is_a_programming_error(long points, string reason)
    {
        var m = new TestMember();
        Assert.Throws<ArgumentException>(() => m.TryAdjust(points, reason));
    }

    [Fact]
    public void A_member_not_enrolled_cannot_be_adjusted()
    {
        var programme = new Programme(ProgrammeOptions.Demo());
        var result = programme.ApplyAdjustment(new MemberState(), new Adjustment("A1", 5, AdjustmentReasons.Goodwill, null, "desk"), T0);
        TestMember.Rejected(result, RejectionCode.NotEnrolled);
    }
}
