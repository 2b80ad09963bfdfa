using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class EarningTests
{
    [Theory]
    [InlineData("6.40", 6)]
    [InlineData("0.99", 0)]
    [InlineData("1.00", 1)]
    [InlineData("0.00", 0)]
    [InlineData("499.99", 499)]
    public void A_member_earns_one_point_per_whole_unit_of_spend(string price, long expected)
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, outcome.PointsEarned);
        Assert.Equal(expected, outcome.Balance);
        Assert.Equal(expected, m.Balance);
    }

    [Fact]
    public void The_contract_example_earns_six_points_for_two_lattes()
    {
        var m = new TestMember();
        var outcome = m.Buy(Coffee(2));
        Assert.Equal(6, outcome.PointsEarned);
        Assert.Equal("Member", outcome.Tier);
        Assert.False(outcome.TierChanged);
        Assert.False(outcome.Duplicate);
        Assert.Empty(outcome.RewardsIssued);
        Assert.Empty(outcome.PromotionsApplied);
    }

    [Fact]
    public void Spend_is_summed_over_the_purchase_and_rounded_down_once()
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(0.50m, sku: "A"), Item(0.50m, sku: "B"), Item(0.50m, sku: "C"));
        Assert.Equal(1, outcome.PointsEarned);
    }

    [Fact]
    public void Quantity_multiplies_the_unit_price_before_rounding()
    {
        var m = new TestMember();
        Assert.Equal(1, m.Buy(Item(0.35m, quantity: 3)).PointsEarned); // 1.05
        Assert.Equal(10, m.Buy(Item(0.99m, quantity: 11)).PointsEarned); // 10.89
    }

    [Fact]
    public void A_purchase_that_earns_nothing_creates_no_point_lot()
    {
        var m = new TestMember();
        m.Buy(Item(0.99m));
        Assert.Empty(m.State.Lots);
        var entry = Assert.Single(m.Entries(LedgerKinds.Purchase));
        Assert.Equal(0, entry.Points);
        Assert.Equal(0.99m, entry.Amount);
    }

    [Fact]
    public void Non_qualifying_categories_earn_nothing_and_do_not_count_as_spend()
    {
        var options = ProgrammeOptions.Demo();
        options.NonQualifyingCategories = ["gift-card"];
        var m = new TestMember(options);

        var outcome = m.Buy(Item(100m, sku: "GIFT", category: "Gift-Card"), Item(10.50m));

        Assert.Equal(10, outcome.PointsEarned);
        Assert.Equal(10.50m, m.Programme.QualifyingSpend(m.State, m.Now));
        Assert.Equal(10.50m, m.State.LifetimeSpend);
        Assert.Equal(110.50m, m.LastEntry.Amount); // the ledger keeps the till total
    }

    [Fact]
    public void A_line_without_category_qualifies()
    {
        var options = ProgrammeOptions.Demo();
        options.NonQualifyingCategories = ["deposit"];
        var m = new TestMember(options);
        Assert.Equal(12, m.Buy(Item(12.00m, category: null)).PointsEarned);
    }

    [Fact]
    public void The_base_rate_is_configuration()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsPerCurrencyUnit = 2.5m;
        var m = new TestMember(options);
        Assert.Equal(9, m.Buy(Item(3.99m)).PointsEarned); // 9.975
    }

    [Fact]
    public void The_purchase_is_written_to_the_ledger_with_its_till_facts()
    {
        var m = new TestMember();
        m.BuyAs("T-1001", Item(3.20m, quantity: 2, sku: "LATTE", category: "coffee"), Item(1.05m, sku: "COOKIE"));
        var entry = m.Entries(LedgerKinds.Purchase).Single();
        Assert.Equal("T-1001", entry.TransactionId);
        Assert.Equal("S-01", entry.StoreId);
        Assert.Equal(7, entry.Points);
        Assert.Equal(7, entry.Balance);
        Assert.Equal(7.45m, entry.Amount);
        Assert.Equal(T0, entry.At);
        Assert.Contains("3 item(s)", entry.Description, StringComparison.Ordinal);
        Assert.Contains("7.45 EUR", entry.Description, StringComparison.Ordinal);
        Assert.Contains("\"qualifyingSpend\":7.45", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_purchases_do_not_overflow()
    {
        var m = new TestMember();
        var lines = Enumerable.Range(0, 500).Select(i => Item(1_000_000m, quantity: 10_000, sku: $"S{i}")).ToArray();
        var outcome = m.Buy(lines);
        Assert.Equal(5_000_000_000_000L * 3 / 2, outcome.PointsEarned); // Gold at 1.5
        Assert.Equal("Gold", outcome.Tier);
    }

    [Fact]
    public void Lifetime_spend_and_last_purchase_are_kept()
    {
        var m = new TestMember();
        m.Buy(Item(10m)); // no time given: it occurred "now", T0
        Assert.Equal(T0, m.State.LastPurchaseAt);
        m.Now = T0.AddHours(2);
        TestMember.Ok(m.TryBuy("late-1", T0.AddHours(1), Item(5.25m)));
        Assert.Equal(T0.AddHours(1), m.State.LastPurchaseAt);
        TestMember.Ok(m.TryBuy("late-2", T0.AddMinutes(30), Item(1m)));
        Assert.Equal(T0.AddHours(1), m.State.LastPurchaseAt); // an older receipt does not move it back
        Assert.Equal(16.25m, m.State.LifetimeSpend);
    }
}
