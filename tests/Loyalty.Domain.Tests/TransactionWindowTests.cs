using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class TransactionWindowTests
{
    [Theory]
    [InlineData(-30 * 24 * 60 * 60)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(5 * 60)]
    public void A_purchase_may_be_recorded_up_to_thirty_days_late_and_five_minutes_early(int secondsFromNow)
    {
        var m = new TestMember();
        var outcome = TestMember.Ok(m.TryBuy("T-1", T0.AddSeconds(secondsFromNow), Item(10m)));
        Assert.Equal(10, outcome.PointsEarned);
    }

    [Theory]
    [InlineData(-30 * 24 * 60 * 60 - 1)]
    [InlineData(-400 * 24 * 60 * 60)]
    [InlineData(5 * 60 + 1)]
    [InlineData(24 * 60 * 60)]
    public void A_purchase_outside_the_window_is_refused_and_changes_nothing(int secondsFromNow)
    {
        var m = new TestMember();
        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.TryBuy("T-1", T0.AddSeconds(secondsFromNow), Item(10m)), RejectionCode.OutsideTransactionWindow);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Empty(m.State.Transactions); // the till may retry the id with a corrected time
    }

    [Fact]
    public void The_window_is_configuration()
    {
        var options = ProgrammeOptions.Demo();
        options.TransactionWindowDays = 2;
        var m = new TestMember(options);
        TestMember.Rejected(m.TryBuy("T-1", T0.AddDays(-3), Item(10m)), RejectionCode.OutsideTransactionWindow);
        TestMember.Ok(m.TryBuy("T-1", T0.AddDays(-2), Item(10m)));
    }

    [Fact]
    public void A_member_who_is_not_enrolled_can_do_nothing()
    {
        var programme = new Programme(ProgrammeOptions.Demo());
        var s = new MemberState();

        TestMember.Rejected(programme.ApplyPurchase(s, new Purchase("T-1", "S-01", null, [Item(10m)]), T0), RejectionCode.NotEnrolled);
        TestMember.Rejected(programme.ApplyRedemption(s, new Redemption("R-1", "S-01", 5, null), T0), RejectionCode.NotEnrolled);
        TestMember.Rejected(programme.ApplyRefund(s, new Refund("F-1", "S-01", "T-1", [Back("ITEM")]), T0), RejectionCode.NotEnrolled);
        Assert.False(programme.Advance(s, T0.AddYears(2)));
        Assert.Empty(s.Outbox);
        Assert.Equal(0, s.LastSequence);
    }

    [Fact]
    public void Enrolling_twice_updates_the_profile_only()
    {
        var m = new TestMember();
        m.Buy(Item(10m));
        var entries = m.State.Outbox.Count;

        Assert.False(m.Programme.Enrol(m.State, new MemberProfile("Ada L.", null, new DateOnly(1815, 12, 10)), T0.AddDays(1)));

        Assert.Equal("Ada L.", m.State.Profile!.Name);
        Assert.Equal(T0, m.State.EnrolledAt);
        Assert.Equal(10, m.Balance);
        Assert.Equal(entries, m.State.Outbox.Count);
    }

    [Fact]
    public void Enrolment_writes_the_first_ledger_entry()
    {
        var m = new TestMember();
        var entry = Assert.Single(m.State.Outbox);
        Assert.Equal((1L, LedgerKinds.Enrolled, 0L, 0L), (entry.Sequence, entry.Kind, entry.Points, entry.Balance));
        Assert.Equal(T0, entry.At);
        Assert.Equal(T0, m.State.EnrolledAt);
        Assert.True(m.State.Enrolled);
    }
}
