using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class PointExpiryTests
{
    private static readonly DateOnly LotOfT0 = new(2027, 1, 15);

    [Fact]
    public void Points_of_a_purchase_can_be_used_through_the_same_day_twelve_months_later()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        var lot = Assert.Single(m.State.Lots);
        Assert.Equal(LotOfT0, lot.ExpiresOn);
        Assert.Equal(100, lot.Points);
    }

    [Fact]
    public void The_day_of_expiry_is_still_usable()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        m.AdvanceTo(new DateTimeOffset(2027, 1, 15, 23, 59, 59, TimeSpan.Zero));
        Assert.Empty(m.Entries(LedgerKinds.PointsExpired));
        Assert.Equal(100, m.Balance);
        Assert.Equal(100, m.Redeem(100).PointsRedeemed);
    }

    [Fact]
    public void The_next_day_the_points_expire_with_a_ledger_entry()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        var midnight = new DateTimeOffset(2027, 1, 16, 0, 0, 0, TimeSpan.Zero);

        Assert.True(m.AdvanceTo(midnight));

        Assert.Equal(0, m.Balance);
        Assert.Empty(m.State.Lots);
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.PointsExpired, entry.Kind);
        Assert.Equal(-100, entry.Points);
        Assert.Equal(0, entry.Balance);
        Assert.Equal(midnight, entry.At);
        Assert.Contains("2027-01-15", entry.Description, StringComparison.Ordinal);
        TestMember.Rejected(m.TryRedeem(1), RejectionCode.InsufficientPoints);
    }

    [Fact]
    public void Lots_of_the_same_day_merge_and_other_days_stay_apart_in_expiry_order()
    {
        var m = new TestMember();
        m.Buy(Item(10m));
        m.Now = T0.AddHours(5);
        m.Buy(Item(20m));
        m.AdvanceDays(1);
        m.Buy(Item(5m));

        Assert.Equal(
            [(LotOfT0, 30L), (LotOfT0.AddDays(1), 5L)],
            m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray());
    }

    [Fact]
    public void Expired_lots_leave_oldest_first_each_with_its_entry()
    {
        var m = new TestMember();
        m.Buy(Item(10m));
        m.AdvanceDays(1);
        m.Buy(Item(20m));
        m.AdvanceDays(1);
        m.Buy(Item(40m));

        m.AdvanceTo(T0.AddMonths(12).AddDays(2)); // 2027-01-17: the first two lots are past

        var expired = m.Entries(LedgerKinds.PointsExpired).ToArray();
        Assert.Equal([-10L, -20L], expired.Select(e => e.Points).ToArray());
        Assert.Equal([60L, 40L], expired.Select(e => e.Balance).ToArray());
        Assert.Equal(40, m.Balance);
        Assert.Equal(LotOfT0.AddDays(2), Assert.Single(m.State.Lots).ExpiresOn);
    }

    [Fact]
    public void Only_what_is_left_of_a_lot_expires()
    {
        var m = new TestMember();
        m.Buy(Item(100m));
        m.Redeem(70);
        m.AdvanceTo(T0.AddMonths(12).AddDays(1));
        Assert.Equal(-30, m.Entries(LedgerKinds.PointsExpired).Single().Points);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void A_back_dated_purchase_expires_from_the_day_it_occurred()
    {
        var m = new TestMember();
        m.Buy(Item(50m));
        TestMember.Ok(m.TryBuy("T-old", T0.AddDays(-10), Item(10m)));
        Assert.Equal([new DateOnly(2027, 1, 5), LotOfT0], m.State.Lots.Select(l => l.ExpiresOn).ToArray());
    }

    [Fact]
    public void The_purchase_day_is_the_utc_day()
    {
        var m = new TestMember();
        var occurred = new DateTimeOffset(2026, 1, 15, 0, 30, 0, TimeSpan.FromHours(2)); // 2026-01-14 22:30 UTC
        TestMember.Ok(m.TryBuy("T-1", occurred, Item(10m)));
        Assert.Equal(new DateOnly(2027, 1, 14), m.State.Lots[0].ExpiresOn);
        Assert.True(m.State.DailySpend.ContainsKey(new DateOnly(2026, 1, 14)));
    }

    [Fact]
    public void A_leap_day_purchase_expires_at_the_end_of_february_the_next_year()
    {
        var leapDay = new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero);
        var m = new TestMember(enrolledAt: leapDay);
        m.Buy(Item(10m));
        Assert.Equal(new DateOnly(2029, 2, 28), m.State.Lots[0].ExpiresOn);
        m.AdvanceTo(new DateTimeOffset(2029, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void The_account_shows_the_points_expiring_next()
    {
        var m = new TestMember();
        m.Buy(Item(10m));
        m.AdvanceDays(3);
        m.Buy(Item(20m));
        var view = m.Programme.View(m.State, "M-1", m.Now);
        Assert.Equal(new PointsExpiring(10, LotOfT0), view.PointsExpiringNext);
    }

    [Fact]
    public void Expiry_is_configuration()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsExpiryMonths = 1;
        var m = new TestMember(options);
        m.Buy(Item(10m));
        Assert.Equal(new DateOnly(2026, 2, 15), m.State.Lots[0].ExpiresOn);
        m.AdvanceTo(new DateTimeOffset(2026, 2, 16, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, m.Balance);
    }
}
