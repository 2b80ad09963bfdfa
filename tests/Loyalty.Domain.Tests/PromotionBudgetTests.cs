using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// A promotion with a budget applies only when the allowance grants all the points it would add; it never applies in
/// part, and the allowance never gives more than it was granted.
/// </summary>
public class PromotionBudgetTests
{
    [Fact]
    public void A_promotion_whose_budget_is_spent_no_longer_applies()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("bonus", 120);
        var m = MemberWith(allowance, null, Promo("bonus", BonusPoints(50), budget: 1000));

        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
        var third = m.Buy(Item(1m)); // 20 left, 50 wanted: nothing, not 20

        Assert.Empty(third.PromotionsApplied);
        Assert.Equal(1, third.PointsEarned);
        Assert.Equal(20, allowance.Remaining("bonus"));
    }

    [Fact]
    public void A_budget_is_charged_the_points_reported_and_the_rounding_point_taken_over_them_comes_back()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("double-coffee", 100);
        var promo = Promo("double-coffee", Multiplier(2m, "coffee"), budget: 1000);
        var m = MemberWith(allowance, null, promo);

        var sale = m.Buy(Coffee(2, unitPrice: 3.15m)); // extra 6.30: 7 taken, 6 given

        Assert.Equal([Applied(promo, 6)], sale.PromotionsApplied);
        Assert.Equal(94, allowance.Remaining("double-coffee"));
    }

    [Fact]
    public void The_points_rounded_up_must_be_there_for_a_promotion_to_apply()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("double-coffee", 6);
        var m = MemberWith(allowance, null, Promo("double-coffee", Multiplier(2m, "coffee"), budget: 1000));

        Assert.Empty(m.Buy(Coffee(2, unitPrice: 3.15m)).PromotionsApplied); // 6.30 may round to 7
        Assert.Equal(6, allowance.Remaining("double-coffee"));
        Assert.Single(m.Buy(Coffee(2, unitPrice: 3.00m)).PromotionsApplied); // exactly 6
        Assert.Equal(0, allowance.Remaining("double-coffee"));
    }

    [Fact]
    public void Without_an_allowance_a_promotion_with_a_budget_does_not_apply()
    {
        var m = MemberWith(Promo("budgeted", BonusPoints(5), budget: 1000), Promo("free", BonusPoints(7)));
        Assert.Equal(["free"], m.Buy(Item(1m)).PromotionsApplied.Select(p => p.PromotionId).ToArray());
    }

    [Fact]
    public void A_refused_budget_leaves_the_other_promotions_and_the_limit_alone()
    {
        var allowance = new PromotionAllowance();
        var m = MemberWith(allowance, null, Promo("budgeted", BonusPoints(5), limit: 1, budget: 1000), Promo("free", BonusPoints(7)));

        var sale = m.Buy(Item(1m));

        Assert.Equal(["free"], sale.PromotionsApplied.Select(p => p.PromotionId).ToArray());
        Assert.Equal(8, sale.PointsEarned);
        Assert.Empty(m.State.PromotionUses); // not applied: not a use
    }

    [Fact]
    public void Bonus_stamps_take_nothing_from_a_points_budget()
    {
        var allowance = new PromotionAllowance();
        var m = MemberWith(allowance, null, Promo("stamps", BonusStamps(2), budget: 10));
        Assert.Single(m.Buy(Coffee(1)).PromotionsApplied);
        Assert.Equal(3, m.Stamps());
    }

    [Fact]
    public void A_replay_takes_nothing_from_the_budget()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("bonus", 100);
        var m = MemberWith(allowance, null, Promo("bonus", BonusPoints(50), budget: 1000));
        m.BuyAs("A", Item(1m));
        m.BuyAs("A", Item(1m));
        Assert.Equal(50, allowance.Remaining("bonus"));
    }

    [Fact]
    public void An_allowance_never_gives_more_than_it_was_granted_whatever_the_threads()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("p", 10_000);
        var taken = 0L;
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
                if (allowance.TryTake("p", 3))
                    Interlocked.Add(ref taken, 3);
        });
        Assert.Equal(9_999, taken);
        Assert.Equal(1, allowance.Remaining("p"));
        Assert.Equal(1, allowance.Withdraw("p"));
        Assert.Equal(0, allowance.Remaining("p"));
    }
}
