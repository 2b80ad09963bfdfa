using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>What each kind of effect gives, and which lines its filters count.</summary>
public class PromotionEffectTests
{
    [Fact]
    public void A_multiplier_multiplies_the_base_points_of_the_purchase()
    {
        var promo = Promo("double", Multiplier(2m));
        var m = MemberWith(promo);
        var sale = m.Buy(Item(10m), Coffee(2, unitPrice: 2.50m)); // 15.00

        Assert.Equal(30, sale.PointsEarned);
        Assert.Equal([Applied(promo, 15)], sale.PromotionsApplied);
        Assert.Equal(30, m.Balance);
    }

    [Fact]
    public void A_multiplier_composes_with_the_tier_multiplier()
    {
        var promo = Promo("double-coffee", Multiplier(2m, "coffee"));
        var m = MemberWith(promo);
        m.Buy(Item(600m)); // Silver: 750 points at 1.25

        var sale = m.Buy(Coffee(4, unitPrice: 2.50m));

        // base 10.00 × 1.25 = 12.5; extra 12.5 × (2 − 1) = 12.5; 25 in all, rounded once
        Assert.Equal(25, sale.PointsEarned);
        Assert.Equal([Applied(promo, 13)], sale.PromotionsApplied); // 25 − floor(12.5)
    }

    [Fact]
    public void Bonus_points_are_added_once_per_purchase()
    {
        var promo = Promo("bonus", BonusPoints(50));
        var m = MemberWith(promo);
        var sale = m.Buy(Item(3.99m, quantity: 3));

        Assert.Equal(11 + 50, sale.PointsEarned); // floor(11.97) + 50
        Assert.Equal([Applied(promo, 50)], sale.PromotionsApplied);
    }

    [Fact]
    public void Bonus_stamps_go_to_the_card_of_their_category_and_add_no_points()
    {
        var promo = Promo("stamps", BonusStamps(2));
        var m = MemberWith(promo);
        var sale = m.Buy(Coffee(1));

        Assert.Equal(3, m.Stamps());
        Assert.Equal(3, sale.StampCards[0].Stamps);
        Assert.Equal(3, sale.PointsEarned);
        Assert.Equal([Applied(promo, 0, stamps: 2)], sale.PromotionsApplied);
    }

    [Fact]
    public void Bonus_stamps_complete_a_card_like_bought_ones()
    {
        var m = new TestMember();
        m.Buy(Coffee(8));
        m.Promotions = new PromotionContext([Promo("stamps", BonusStamps(3))]);

        var sale = m.Buy(Coffee(1)); // 8 + 1 + 3 = 12: a reward, 3 over

        Assert.Single(sale.RewardsIssued);
        Assert.Equal(3, m.Stamps());
        Assert.Single(m.OpenRewards);
    }

    [Fact]
    public void Bonus_stamps_need_a_line_of_their_category()
    {
        var m = MemberWith(Promo("stamps", BonusStamps(2)));
        var sale = m.Buy(Item(20m));
        Assert.Empty(sale.PromotionsApplied);
        Assert.Equal(0, m.Stamps());
    }

    [Fact]
    public void A_category_filter_counts_only_lines_of_that_category_whatever_their_case()
    {
        var promo = Promo("triple-coffee", Multiplier(3m, "COFFEE"));
        var m = MemberWith(promo);
        var sale = m.Buy(Item(10m), Coffee(2, unitPrice: 2.00m)); // base 14; coffee 4.00

        Assert.Equal(14 + 8, sale.PointsEarned);
        Assert.Equal([Applied(promo, 8)], sale.PromotionsApplied);
    }

    [Fact]
    public void A_sku_filter_counts_only_lines_of_that_sku()
    {
        var promo = Promo("muffins", Multiplier(2m, sku: "MUFFIN"));
        var m = MemberWith(promo);
        var sale = m.Buy(Item(3m, 2, sku: "MUFFIN", category: "bakery"), Item(5m, sku: "muffin", category: "bakery"), Coffee(1));

        Assert.Equal(Applied(promo, 6), Assert.Single(sale.PromotionsApplied));
        Assert.Empty(m.Buy(Item(5m, sku: "BAGEL", category: "bakery")).PromotionsApplied);
    }

    [Fact]
    public void Category_and_sku_filters_together_need_both()
    {
        var promo = Promo("latte", BonusPoints(10, category: "coffee", sku: "LATTE"));
        var m = MemberWith(promo);
        Assert.Empty(m.Buy(Coffee(1, sku: "ESPRESSO"), Item(3m, sku: "LATTE", category: "merch")).PromotionsApplied);
        Assert.Single(m.Buy(Coffee(1, sku: "LATTE")).PromotionsApplied);
    }

    [Fact]
    public void The_minimum_spend_counts_the_matching_lines_and_holds_at_its_edge()
    {
        var promo = Promo("big-coffee", BonusPoints(20, category: "coffee", minSpend: 9.60m));
        var m = MemberWith(promo);

        Assert.Empty(m.Buy(Coffee(2), Item(50m)).PromotionsApplied);        // coffee 6.40
        Assert.Empty(m.Buy(Coffee(3, unitPrice: 3.19m)).PromotionsApplied); // 9.57: just below
        Assert.Single(m.Buy(Coffee(3)).PromotionsApplied);                  // 9.60: exactly the minimum
    }

    [Fact]
    public void Non_qualifying_lines_never_count_for_a_promotion()
    {
        var options = ProgrammeOptions.Demo();
        options.NonQualifyingCategories = ["gift-card"];
        var promo = Promo("spend-20", BonusPoints(20, minSpend: 20m));
        var m = new TestMember(options) { Promotions = new PromotionContext([promo]) };

        Assert.Empty(m.Buy(Item(10m), Item(50m, sku: "GIFT", category: "gift-card")).PromotionsApplied);
        Assert.Empty(m.Buy(Item(50m, sku: "GIFT", category: "gift-card")).PromotionsApplied);
        Assert.Single(m.Buy(Item(20m)).PromotionsApplied);
    }

    [Fact]
    public void A_multiplier_with_nothing_to_multiply_does_not_apply()
    {
        var m = MemberWith(Promo("double", Multiplier(2m)));
        var sale = m.Buy(Item(0m, sku: "FREEBIE"));
        Assert.Empty(sale.PromotionsApplied);
        Assert.Equal(0, sale.PointsEarned);
    }

    [Fact]
    public void The_ledger_entry_of_the_purchase_carries_the_promotions_and_their_points()
    {
        var m = MemberWith(Promo("double", Multiplier(2m)), Promo("stamps", BonusStamps(1)));
        m.Buy(Coffee(1, unitPrice: 5m));

        var entry = Assert.Single(m.Entries(LedgerKinds.Purchase));
        Assert.Equal(10, entry.Points);
        Assert.Contains("\"promotionId\":\"double\"", entry.Details);
        Assert.Contains("\"kind\":\"multiplier\"", entry.Details);
        Assert.Contains("\"stamps\":{\"coffee\":2}", entry.Details); // one bought, one bonus
    }
}
