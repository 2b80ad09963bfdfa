using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class TierHoldTests
{
    [Fact]
    public void The_rolling_window_counts_purchase_days_strictly_after_today_minus_twelve_months()
    {
        var m = new TestMember();
        m.Buy(Item(100m)); // 2026-01-15
        var p = m.Programme;
        Assert.Equal(100m, p.QualifyingSpend(m.State, new DateTimeOffset(2027, 1, 14, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(0m, p.QualifyingSpend(m.State, new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_window_is_counted_in_utc_days()
    {
        var m = new TestMember();
        m.Buy(Item(100m)); // 2026-01-15 UTC
        var lateEvening = new DateTimeOffset(2027, 1, 14, 23, 30, 0, TimeSpan.FromHours(-5)); // 2027-01-15 04:30 UTC
        Assert.Equal(0m, m.Programme.QualifyingSpend(m.State, lateEvening));
    }

    [Fact]
    public void A_tier_is_kept_for_twelve_months_after_reaching_it_even_when_spend_falls()
    {
        var m = new TestMember();
        m.Buy(Item(300m));                       // 2026-01-15
        m.AdvanceTo(T0.AddMonths(6));
        Assert.True(m.Buy(Item(300m)).TierChanged); // Silver reached 2026-07-15
        var reached = m.Now;

        m.AdvanceTo(T0.AddMonths(12).AddDays(1)); // the first 300 has left the window
        Assert.Equal(300m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal("Silver", m.State.Tier);

        m.AdvanceTo(reached.AddMonths(12).AddMinutes(-1)); // spend is now 0, hold still runs
        Assert.Equal(0m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal("Silver", m.State.Tier);
        Assert.DoesNotContain(m.Entries(LedgerKinds.TierChanged), e => e.At > reached);
    }

    [Fact]
    public void After_the_hold_the_tier_follows_the_rolling_spend_with_a_ledger_entry()
    {
        var m = new TestMember();
        m.Buy(Item(300m));
        m.AdvanceTo(T0.AddMonths(6));
        m.Buy(Item(300m));
        var reached = m.Now;

        Assert.True(m.AdvanceTo(reached.AddMonths(12)));

        Assert.Equal("Member", m.State.Tier);
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.TierChanged, entry.Kind);
        Assert.Equal(0, entry.Points);
        Assert.Equal(375, entry.Balance); // the first 300 points expired; the crossing purchase earned 375
        Assert.Equal(375, m.Balance);
        Assert.Contains("\"from\":\"Silver\",\"to\":\"Member\"", entry.Details, StringComparison.Ordinal);
        Assert.Equal(10, m.Buy(Item(10m)).PointsEarned); // back to the base rate
    }

    [Fact]
    public void After_the_hold_a_tier_the_spend_still_supports_is_kept_without_an_entry()
    {
        var m = new TestMember();
        m.Buy(Item(600m));
        m.AdvanceTo(T0.AddMonths(11));
        m.Buy(Item(600m));

        m.AdvanceTo(T0.AddMonths(12).AddDays(1));

        Assert.Equal("Silver", m.State.Tier);
        Assert.Equal(600m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Single(m.Entries(LedgerKinds.TierChanged)); // only the upgrade of 2026-01-15
    }

    [Fact]
    public void Gold_falls_to_silver_when_the_spend_gives_silver()
    {
        var m = new TestMember();
        m.Buy(Item(2000m));
        m.AdvanceTo(T0.AddMonths(6));
        m.Buy(Item(700m));

        m.AdvanceTo(T0.AddMonths(12));

        Assert.Equal("Silver", m.State.Tier);
        Assert.Contains("\"from\":\"Gold\",\"to\":\"Silver\"", m.LastEntry.Details, StringComparison.Ordinal);
        Assert.Equal(125, m.Buy(Item(100m)).PointsEarned);
    }

    [Fact]
    public void Gold_can_fall_straight_to_member()
    {
        var m = new TestMember();
        m.Buy(Item(2000m));
        m.AdvanceTo(T0.AddMonths(12));
        Assert.Equal("Member", m.State.Tier);
        Assert.Single(m.Entries(LedgerKinds.TierChanged), e => e.At == m.Now);
    }

    [Fact]
    public void Advance_never_raises_a_tier()
    {
        var options = ProgrammeOptions.Demo();
        var m = new TestMember(options);
        m.Buy(Item(400m));
        options.Tiers[1].Threshold = 300m; // the bar moves under a member: only a purchase upgrades
        m.AdvanceDays(1);
        Assert.Equal("Member", m.State.Tier);
    }

    [Fact]
    public void A_purchase_after_a_downgrade_can_reach_the_tier_again_with_a_new_hold()
    {
        var m = new TestMember();
        m.Buy(Item(500m));
        m.AdvanceTo(T0.AddMonths(12));
        Assert.Equal("Member", m.State.Tier);

        var outcome = m.Buy(Item(500m));
        Assert.True(outcome.TierChanged);
        Assert.Equal(m.Now, m.State.TierReachedAt);
        var view = m.Programme.View(m.State, "M-1", m.Now);
        Assert.Equal(Day(m.Now.AddMonths(12)), view.TierHeldUntil);
    }

    [Fact]
    public void Advance_reports_no_change_when_there_is_none()
    {
        var m = new TestMember();
        m.Buy(Item(600m));
        m.AdvanceDays(1);
        Assert.False(m.AdvanceDays(1));
    }

    [Fact]
    public void A_zero_month_hold_lets_the_tier_follow_spend_at_once()
    {
        var options = ProgrammeOptions.Demo();
        options.TierHoldMonths = 0;
        options.TierQualifyingMonths = 1;
        var m = new TestMember(options);
        m.Buy(Item(600m));
        m.AdvanceTo(T0.AddMonths(1));
        Assert.Equal("Member", m.State.Tier);
    }
}
