using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// A refund leaves the sale with what it would have earned with the lines kept: a multiplier keeps its extra on the
/// matching spend kept; a promotion whose effect no longer holds lapses, giving back its points, bonus stamps and use.
/// </summary>
public class PromotionRefundTests
{
    [Fact]
    public void Returning_matching_lines_takes_back_the_multiplier_extra_they_earned()
    {
        var m = MemberWith(Promo("double-coffee", Multiplier(2m, "coffee")));
        m.BuyAs("A", Coffee(4, unitPrice: 2.50m), Item(5m)); // base 15 + extra 10

        var refund = m.Refund("A", Back("LATTE", 2));

        Assert.Equal(5 + 5, refund.PointsReversed); // the base and the extra of 5.00 of coffee
        Assert.Equal(15, m.Balance);
    }

    [Fact]
    public void Returning_other_lines_leaves_the_multiplier_extra()
    {
        var m = MemberWith(Promo("double-coffee", Multiplier(2m, "coffee")));
        m.BuyAs("A", Coffee(4, unitPrice: 2.50m), Item(5m));

        Assert.Equal(5, m.Refund("A", Back("ITEM")).PointsReversed);
        Assert.Equal(20, m.Balance);
    }

    [Fact]
    public void Partial_refunds_are_rounded_once_on_what_is_kept()
    {
        var m = MemberWith(Promo("half-again", Multiplier(1.5m)));
        m.BuyAs("A", Item(3.33m, 3));                     // 9.99 × 1.5 = 14.985: 14
        Assert.Equal(5, m.Refund("A", Back("ITEM")).PointsReversed); // keeps 6.66 × 1.5 = 9.99: 9
        Assert.Equal(5, m.Refund("A", Back("ITEM")).PointsReversed); // keeps 4.995: 4
        Assert.Equal(4, m.Refund("A", Back("ITEM")).PointsReversed);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void A_bonus_stays_whole_while_a_matching_line_is_kept()
    {
        var m = MemberWith(Promo("coffee-bonus", BonusPoints(20, category: "coffee")));
        m.BuyAs("A", Coffee(2, unitPrice: 3m));   // 6 + 20
        Assert.Equal(3, m.Refund("A", Back("LATTE")).PointsReversed);
        Assert.Equal(23, m.Balance);
        Assert.Equal(23, m.Refund("A", Back("LATTE")).PointsReversed); // the last coffee: the bonus goes
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void A_refund_below_the_minimum_spend_takes_the_whole_promotion_back_and_gives_the_use_back()
    {
        var m = MemberWith(Promo("big-coffee", BonusPoints(50, category: "coffee", minSpend: 10m), limit: 1));
        m.BuyAs("A", Coffee(4, unitPrice: 2.50m)); // 10 + 50
        Assert.Empty(m.Buy(Coffee(4, unitPrice: 2.50m)).PromotionsApplied); // the one use is spent

        var refund = m.Refund("A", Back("LATTE")); // 7.50 of coffee kept: below 10.00

        Assert.Equal(3 + 50, refund.PointsReversed);
        Assert.Empty(m.State.PromotionUses);
        Assert.Single(m.Buy(Coffee(4, unitPrice: 2.50m)).PromotionsApplied);
        Assert.Contains("\"promotions\":[\"big-coffee\"]", m.Entries(LedgerKinds.Refund).Single().Details);
    }

    [Fact]
    public void A_full_refund_reverses_exactly_what_the_promotions_gave()
    {
        var m = MemberWith(Promo("a", Multiplier(2m, "coffee")), Promo("b", Multiplier(1.5m)), Promo("c", BonusPoints(10)),
            Promo("d", BonusStamps(2)));
        m.Buy(Item(100m));
        var before = (m.Balance, m.Stamps());
        var sale = m.BuyAs("A", Coffee(2, unitPrice: 3.15m), Item(7.05m));
        Assert.Equal(4, sale.PromotionsApplied.Count);

        var refund = m.Refund("A", Back("LATTE", 2), Back("ITEM"));

        Assert.Equal(sale.PointsEarned, refund.PointsReversed);
        Assert.Equal(2 + 2, refund.StampsReversed); // two bought, two bonus
        Assert.Equal(before, (m.Balance, m.Stamps()));
    }

    [Fact]
    public void Lapsed_bonus_stamps_revoke_the_reward_they_completed()
    {
        var m = new TestMember();
        m.Buy(Coffee(7));
        m.Promotions = new PromotionContext([Promo("stamps", BonusStamps(2))]);
        var sale = m.BuyAs("A", Coffee(1), Item(4m)); // 7 + 1 + 2 = 10: a reward, 1 over
        var rewardId = Assert.Single(sale.RewardsIssued).RewardId;

        var refund = m.Refund("A", Back("LATTE"));

        Assert.Equal(3, refund.StampsReversed);
        Assert.Equal(RewardStatus.Revoked, m.StatusOf(rewardId));
        Assert.Equal(7, m.Stamps());
    }

    [Fact]
    public void A_refund_without_promotions_reverses_as_before()
    {
        var m = MemberWith(Promo("coffee-only", Multiplier(2m, "coffee")));
        m.BuyAs("A", Item(10.50m, 2));
        Assert.Equal(11, m.Refund("A", Back("ITEM")).PointsReversed); // 21 − floor(10.50)
    }
}
