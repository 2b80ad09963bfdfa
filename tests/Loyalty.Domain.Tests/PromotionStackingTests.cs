using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// Several promotions on one purchase: multipliers add their extras on the base points, bonuses add whole, the purchase
/// is rounded down once, and the points reported for each promotion add up to what the promotions added.
/// </summary>
public class PromotionStackingTests
{
    [Fact]
    public void Two_multipliers_and_a_bonus_are_rounded_once_and_reported_to_the_point()
    {
        var coffee = Promo("a-double-coffee", Multiplier(2m, "coffee"));
        var all = Promo("b-half-again", Multiplier(1.5m));
        var bonus = Promo("c-bonus", BonusPoints(10));
        var m = MemberWith(bonus, all, coffee);

        var sale = m.Buy(Coffee(2, unitPrice: 3.15m), Item(7.05m)); // 13.35

        // 13.35 + 6.30 (coffee × 1) + 6.675 (13.35 × 0.5) + 10 = 36.325, rounded down once: 36.
        // Rounded at each step it would be 13 + 6 + 6 + 10 = 35.
        Assert.Equal(36, sale.PointsEarned);
        // Base 13; the 23 added are floor(6.30) = 6, floor(6.675) = 6, 10, and the point the single rounding leaves
        // over goes to the largest fraction (.675).
        Assert.Equal([Applied(coffee, 6), Applied(all, 7), Applied(bonus, 10)], sale.PromotionsApplied);
        Assert.Equal(sale.PointsEarned - 13, sale.PromotionsApplied.Sum(p => p.Points));
    }

    [Fact]
    public void Multipliers_add_their_extras_rather_than_compound()
    {
        var m = MemberWith(Promo("double", Multiplier(2m)), Promo("triple", Multiplier(3m)));
        var sale = m.Buy(Item(10m));
        Assert.Equal(10 + 10 + 20, sale.PointsEarned); // not 10 × 2 × 3
        Assert.Equal([10L, 20L], sale.PromotionsApplied.Select(p => p.Points).ToArray());
    }

    [Fact]
    public void Promotions_are_reported_in_the_order_of_their_ids()
    {
        var m = MemberWith(Promo("zeta", BonusPoints(1)), Promo("alpha", BonusPoints(2)), Promo("Mid", BonusPoints(3)));
        Assert.Equal(["Mid", "alpha", "zeta"], m.Buy(Item(1m)).PromotionsApplied.Select(p => p.PromotionId).ToArray());
    }

    [Fact]
    public void A_promotion_listed_twice_applies_once()
    {
        var bonus = Promo("bonus", BonusPoints(5));
        var m = MemberWith(bonus, bonus);
        Assert.Equal(6, m.Buy(Item(1m)).PointsEarned);
    }

    [Theory]
    [InlineData("0.4", new[] { "0.6" }, new long[] { 1 })]          // the base's fraction completes the promotion's point
    [InlineData("0", new[] { "0.5", "0.5" }, new long[] { 1, 0 })]  // a tie goes to the earlier promotion
    [InlineData("0", new[] { "2", "0.3" }, new long[] { 2, 0 })]
    [InlineData("0.9", new[] { "0.3", "0.8", "0.05" }, new long[] { 1, 1, 0 })]
    [InlineData("13.35", new[] { "6.30", "6.675", "10" }, new long[] { 6, 7, 10 })]
    public void The_single_rounding_is_shared_by_largest_fraction(string baseExact, string[] extras, long[] shares)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var exact = extras.Select(D).ToArray();
        var result = Programme.ShareRounding(D(baseExact), exact);

        Assert.Equal(shares, result);
        Assert.Equal((long)decimal.Floor(D(baseExact) + exact.Sum()) - (long)decimal.Floor(D(baseExact)), result.Sum());
        for (var i = 0; i < exact.Length; i++)
            Assert.InRange(result[i], (long)decimal.Floor(exact[i]), (long)decimal.Ceiling(exact[i]));
    }

    [Fact]
    public void Shares_add_up_over_many_purchases()
    {
        var m = MemberWith(Promo("a", Multiplier(1.25m, "coffee")), Promo("b", Multiplier(1.1m)), Promo("c", Multiplier(2.35m, sku: "ITEM")));
        for (var cents = 1; cents <= 400; cents += 7)
        {
            var before = m.Balance;
            var price = cents / 100m;
            var sale = m.Buy(Coffee(3, unitPrice: price), Item(price + 0.13m, 2));
            var tierMultiplier = m.Programme.Options.Tiers.Single(t => t.Name == sale.Tier).Multiplier;
            var basePoints = (long)decimal.Floor((3 * price + 2 * (price + 0.13m)) * tierMultiplier);
            Assert.Equal(sale.PointsEarned - basePoints, sale.PromotionsApplied.Sum(p => p.Points));
            Assert.Equal(before + sale.PointsEarned, m.Balance);
        }
    }
}
