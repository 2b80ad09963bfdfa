using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>Pending points (<see cref="ProgrammeOptions.PendingDays"/>): earned now, spendable from the start of a later UTC day.</summary>
public class PendingPointsTests
{
    private static TestMember Member(int pendingDays = 14)
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = pendingDays;
        return new TestMember(options);
    }

    /// <summary>The start (00:00 UTC) of the day <paramref name="days"/> after <see cref="Kit.T0"/>'s.</summary>
    private static DateTimeOffset StartOfDay(int days) => new(Day(T0).AddDays(days), TimeOnly.MinValue, TimeSpan.Zero);

    [Fact]
    public void With_no_pending_days_a_sale_is_spendable_at_once()
    {
        var m = Member(pendingDays: 0);
        var sale = m.Buy(Item(25m));
        Assert.Equal((25, 25), (sale.PointsEarned, sale.Balance));
        Assert.Empty(m.State.PendingLots);
        var account = m.Programme.View(m.State, "M1", m.Now);
        Assert.Equal(0, account.PendingPoints);
        Assert.Empty(account.PendingReleases!);
    }

    [Fact]
    public void A_sale_earns_pending_points_that_the_account_shows_but_the_balance_does_not_hold()
    {
        var m = Member();
        var sale = m.BuyAs("A", Item(25m));
        Assert.Equal((25, 0), (sale.PointsEarned, sale.Balance));
        var lot = Assert.Single(m.State.PendingLots);
        Assert.Equal((Day(T0).AddDays(14), Day(T0).AddMonths(12), 25L, "A"), (lot.ReleasesOn, lot.ExpiresOn, lot.Points, lot.TransactionId));
        var account = m.Programme.View(m.State, "M1", m.Now);
        Assert.Equal((0, 25), (account.Points, account.PendingPoints));
        Assert.Equal([new PendingRelease(25, Day(T0).AddDays(14))], account.PendingReleases);
    }

    [Fact]
    public void Pending_releases_are_grouped_by_release_day()
    {
        var m = Member();
        m.Buy(Item(10m));
        m.Now = m.Now.AddHours(5);
        m.Buy(Item(5m));
        m.AdvanceDays(2);
        m.Buy(Item(7m));
        var account = m.Programme.View(m.State, "M1", m.Now);
        Assert.Equal(22, account.PendingPoints);
        Assert.Equal([new PendingRelease(15, Day(T0).AddDays(14)), new PendingRelease(7, Day(T0).AddDays(16))], account.PendingReleases);
    }

    [Fact]
    public void Pending_points_cannot_be_redeemed()
    {
        var m = Member();
        m.Buy(Item(25m));
        TestMember.Rejected(m.TryRedeem(10), RejectionCode.InsufficientPoints);
        Assert.Equal(25, m.State.PendingPoints);
    }

    [Fact]
    public void Points_are_released_at_the_start_of_the_release_day_and_not_a_moment_before()
    {
        var m = Member();
        m.BuyAs("A", Item(25m));
        Assert.False(m.AdvanceTo(StartOfDay(14).AddTicks(-1)));
        Assert.Equal((0, 25), (m.Balance, m.State.PendingPoints));

        Assert.True(m.AdvanceTo(StartOfDay(14)));
        Assert.Equal((25, 0), (m.Balance, m.State.PendingPoints));
        var released = m.LastEntry;
        Assert.Equal((LedgerKinds.PointsReleased, 25L, 25L, (string?)null), (released.Kind, released.Points, released.Balance, released.TransactionId));
        using var details = JsonDocument.Parse(released.Details!);
        var lot = Assert.Single(details.RootElement.GetProperty("lots").EnumerateArray());
        Assert.Equal("A", lot.GetProperty("transactionId").GetString());
        Assert.Equal(Day(T0).AddMonths(12), Assert.Single(m.State.Lots).ExpiresOn); // the sale's own expiry
        Assert.Empty(m.State.PendingLots);
        Assert.False(m.AdvanceDays(1)); // released once
    }

    [Fact]
    public void A_release_of_several_sales_is_one_entry_and_repays_what_is_owed_first()
    {
        var m = Member();
        m.State.Debt = 4;
        m.Buy(Item(10m));
        m.Buy(Item(5m));
        m.AdvanceDays(20);
        Assert.Equal(11, m.Balance);
        Assert.Equal(0, m.State.Debt);
        var released = Assert.Single(m.Entries(LedgerKinds.PointsReleased));
        Assert.Equal((15L, 11L), (released.Points, released.Balance));
    }

    [Fact]
    public void A_back_dated_sale_whose_release_day_has_come_is_spendable_at_once()
    {
        var m = Member(pendingDays: 3);
        var sale = m.BuyAt(m.Now.AddDays(-5), Item(25m));
        Assert.Equal(25, sale.Balance);
        Assert.Empty(m.State.PendingLots);
    }

    [Fact]
    public void A_back_dated_sale_releases_before_a_later_one()
    {
        var m = Member(pendingDays: 10);
        m.BuyAs("LATER", Item(5m));
        m.TryBuy("EARLIER", m.Now.AddDays(-4), Item(7m));
        Assert.Equal(["EARLIER", "LATER"], m.State.PendingLots.Select(l => l.TransactionId));
        m.AdvanceTo(StartOfDay(6));
        Assert.Equal(7, m.Balance);
        Assert.Equal(Day(T0).AddDays(10), Programme.NextRelease(m.State));
    }

    [Fact]
    public void A_refund_inside_the_window_cancels_the_pending_points_and_leaves_the_balance_alone()
    {
        var m = Member();
        m.Adjust(3);
        m.BuyAs("A", Item(10m, sku: "X"), Item(15m, sku: "Y"));
        var refund = m.Refund("A", Back("Y"));
        Assert.Equal((15, 3), (refund.PointsReversed, refund.Balance));
        Assert.Equal(10, Assert.Single(m.State.PendingLots).Points);
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.Refund, 0L), (entry.Kind, entry.Points));

        m.Refund("A", Back("X"));
        Assert.Empty(m.State.PendingLots);
        Assert.Equal((3, 0L), (m.Balance, m.State.Debt));
        m.AdvanceDays(30);
        Assert.Equal(3, m.Balance);
        Assert.Empty(m.Entries(LedgerKinds.PointsReleased));
    }

    [Fact]
    public void A_refund_after_the_release_takes_the_points_from_the_balance_as_before()
    {
        var m = Member();
        m.BuyAs("A", Item(25m, sku: "X"));
        m.AdvanceDays(14);
        var refund = m.Refund("A", Back("X"));
        Assert.Equal((25, 0), (refund.PointsReversed, refund.Balance));
        Assert.Equal(-25, m.LastEntry.Points);
    }

    [Fact]
    public void A_refund_takes_from_the_balance_only_what_the_pending_points_do_not_cover()
    {
        var m = Member();
        m.Adjust(10);
        m.BuyAs("B", Item(25m, sku: "X"));
        m.State.PendingLots[0].Points = 20; // say 5 of the sale's points reached the balance some other way
        var refund = m.Refund("B", Back("X"));
        Assert.Equal((25, 5), (refund.PointsReversed, refund.Balance));
        Assert.Equal(-5, m.LastEntry.Points);
    }

    [Fact]
    public void Promotion_points_of_a_sale_are_pending_with_its_base_points()
    {
        var m = Member();
        m.Promotions = new PromotionContext([PromotionKit.Promo("P1", PromotionKit.BonusPoints(50))], null, null);
        var sale = m.BuyAs("A", Item(10m));
        Assert.Equal((60, 0), (sale.PointsEarned, sale.Balance));
        Assert.Equal(60, Assert.Single(m.State.PendingLots).Points);
    }

    [Fact]
    public void A_replay_and_a_recall_from_the_ledger_answer_with_the_points_the_sale_earned()
    {
        var m = Member();
        m.BuyAs("A", Item(10m, sku: "X"), Item(15m, sku: "Y"));
        var refund = m.Refund("A", Back("Y"));
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        var replay = TestMember.Ok(m.TryBuy("A", null, Item(10m, sku: "X"), Item(15m, sku: "Y")));
        Assert.Equal((true, 25, 0), (replay.Duplicate, replay.PointsEarned, replay.Balance));
        Assert.Equal(refund with { Duplicate = true }, TestMember.Ok(m.TryRefundAs(refund.TransactionId, "A", Back("Y"))));
        Assert.Equal(10, m.Refund("A", Back("X")).PointsReversed); // the recalled sale knows 15 were taken back
        Assert.Empty(m.State.PendingLots);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void The_ledger_writer_reads_the_release_day_of_a_pending_sale_and_of_nothing_else()
    {
        var m = Member();
        m.Buy(Item(25m));
        Assert.Equal(Day(T0).AddDays(14), Programme.PendingReleaseOf(m.LastEntry));
        Assert.Null(Programme.PendingReleaseOf(m.State.Outbox[0])); // enrolled
        var spendable = Member(pendingDays: 0);
        spendable.Buy(Item(25m));
        Assert.Null(Programme.PendingReleaseOf(spendable.LastEntry));
    }

    [Fact]
    public void Points_released_after_their_expiry_day_expire_at_once()
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = 60;
        options.PointsExpiryMonths = 1;
        var m = new TestMember(options);
        m.Buy(Item(25m));
        m.AdvanceDays(60);
        Assert.Equal([LedgerKinds.PointsReleased, LedgerKinds.PointsExpired], m.State.Outbox.TakeLast(2).Select(e => e.Kind));
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void Pending_lots_are_stored_with_the_state_and_read_back_whole()
    {
        var m = Member();
        m.BuyAs("A", Item(25m));
        m.AdvanceDays(3);
        m.BuyAs("B", Item(7m));

        var stored = StoredState.RoundTrip(m.State);

        Assert.Equal(m.State.PendingLots.Select(l => (l.ReleasesOn, l.ExpiresOn, l.Points, l.TransactionId)),
            stored.PendingLots.Select(l => (l.ReleasesOn, l.ExpiresOn, l.Points, l.TransactionId)));
        Assert.Equal(32, stored.PendingPoints);
    }
}
