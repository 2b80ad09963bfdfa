using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class TierUpgradeTests
{
    [Fact]
    public void A_new_member_starts_in_the_lowest_tier()
    {
        var m = new TestMember();
        Assert.Equal("Member", m.State.Tier);
        Assert.Null(m.State.TierReachedAt);
        Assert.Equal("Member", m.Programme.LowestTier);
    }

    [Fact]
    public void Spend_just_below_a_threshold_keeps_the_tier()
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(499.99m));
        Assert.Equal("Member", outcome.Tier);
        Assert.False(outcome.TierChanged);
        Assert.Empty(m.Entries(LedgerKinds.TierChanged));
    }

    [Fact]
    public void The_purchase_that_crosses_the_threshold_earns_at_the_new_tier()
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(500.00m));
        Assert.Equal("Silver", outcome.Tier);
        Assert.True(outcome.TierChanged);
        Assert.Equal(625, outcome.PointsEarned);
        Assert.Equal(T0, m.State.TierReachedAt);
        Assert.Equal("Member", m.State.PreviousTier);
    }

    [Fact]
    public void A_tiny_purchase_can_cross_the_threshold()
    {
        var m = new TestMember();
        m.Buy(Item(499.99m));
        var outcome = m.Buy(Item(0.01m));
        Assert.True(outcome.TierChanged);
        Assert.Equal("Silver", outcome.Tier);
        Assert.Equal(0, outcome.PointsEarned); // floor(0.0125)
    }

    [Theory]
    [InlineData("100.00", 125)]
    [InlineData("0.80", 1)]
    [InlineData("0.79", 0)]
    [InlineData("3.99", 4)]
    [InlineData("6.40", 8)]
    public void Silver_earns_one_and_a_quarter_rounded_down(string price, long expected)
    {
        var m = new TestMember();
        m.Buy(Item(500m));
        var outcome = m.Buy(Item(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Silver", outcome.Tier);
        Assert.False(outcome.TierChanged);
        Assert.Equal(expected, outcome.PointsEarned);
    }

    [Fact]
    public void Gold_earns_one_and_a_half()
    {
        var m = new TestMember();
        m.Buy(Item(2000m));
        Assert.Equal(150, m.Buy(Item(100m)).PointsEarned);
        Assert.Equal(1, m.Buy(Item(1.33m)).PointsEarned); // 1.995
    }

    [Fact]
    public void One_purchase_can_jump_two_tiers()
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(2000m));
        Assert.Equal("Gold", outcome.Tier);
        Assert.Equal(3000, outcome.PointsEarned);
        var change = Assert.Single(m.Entries(LedgerKinds.TierChanged));
        Assert.Contains("\"from\":\"Member\"", change.Details, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"Gold\"", change.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Crossing_from_silver_to_gold_inside_a_purchase_uses_gold_for_all_of_it()
    {
        var m = new TestMember();
        m.Buy(Item(600m));
        var outcome = m.Buy(Item(1000m), Item(400m));
        Assert.Equal("Gold", outcome.Tier);
        Assert.True(outcome.TierChanged);
        Assert.Equal(2100, outcome.PointsEarned);
        Assert.Equal("Silver", m.State.PreviousTier);
        Assert.Equal(T0, m.State.PreviousTierReachedAt);
    }

    [Fact]
    public void The_tier_change_is_written_after_the_purchase_it_came_with()
    {
        var m = new TestMember();
        m.BuyAs("T-9", Item(500m));
        var kinds = m.State.Outbox.Select(e => e.Kind).ToArray();
        Assert.Equal([LedgerKinds.Enrolled, LedgerKinds.Purchase, LedgerKinds.TierChanged], kinds);
        var change = m.LastEntry;
        Assert.Equal("T-9", change.TransactionId);
        Assert.Equal(0, change.Points);
        Assert.Equal(625, change.Balance);
        Assert.Contains("Member", change.Description, StringComparison.Ordinal);
        Assert.Contains("Silver", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_qualifying_spend_does_not_lift_a_tier()
    {
        var options = ProgrammeOptions.Demo();
        options.NonQualifyingCategories = ["gift-card"];
        var m = new TestMember(options);
        var outcome = m.Buy(Item(5000m, category: "gift-card"), Item(499m));
        Assert.Equal("Member", outcome.Tier);
        Assert.Equal(499, outcome.PointsEarned);
    }

    [Fact]
    public void Spend_accumulates_over_purchases_and_days()
    {
        var m = new TestMember();
        m.Buy(Item(200m));
        m.AdvanceDays(40);
        m.Buy(Item(200m));
        m.AdvanceDays(100);
        var outcome = m.Buy(Item(100m));
        Assert.Equal("Silver", outcome.Tier);
        Assert.Equal(500m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal(3, m.State.DailySpend.Count);
    }

    [Fact]
    public void A_back_dated_purchase_counts_on_the_day_it_occurred()
    {
        var m = new TestMember();
        var occurred = T0.AddDays(-3);
        TestMember.Ok(m.TryBuy("T-old", occurred, Item(42m)));
        Assert.Equal(42m, m.State.DailySpend[Day(occurred)]);
        Assert.False(m.State.DailySpend.ContainsKey(Day(T0)));
    }

    [Fact]
    public void Further_spend_in_the_top_tier_changes_no_tier()
    {
        var m = new TestMember();
        m.Buy(Item(2000m));
        var outcome = m.Buy(Item(50_000m));
        Assert.Equal("Gold", outcome.Tier);
        Assert.False(outcome.TierChanged);
        Assert.Single(m.Entries(LedgerKinds.TierChanged));
    }
}
