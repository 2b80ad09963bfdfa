using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>The per-member limit counts purchases a promotion applied to; the member's state keeps the counts only while they matter.</summary>
public class PromotionLimitTests
{
    [Fact]
    public void The_nth_use_applies_and_the_next_does_not()
    {
        var m = MemberWith(Promo("twice", BonusPoints(10), limit: 2));
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);
        Assert.Equal(2, m.State.PromotionUses["twice"].Count);
    }

    [Fact]
    public void A_purchase_the_promotion_did_not_apply_to_is_not_a_use()
    {
        var m = MemberWith(Promo("coffee-once", BonusPoints(10, category: "coffee"), limit: 1));
        Assert.Empty(m.Buy(Item(5m)).PromotionsApplied);
        Assert.Single(m.Buy(Coffee(1)).PromotionsApplied);
    }

    [Fact]
    public void A_replay_is_not_a_use()
    {
        var m = MemberWith(Promo("twice", BonusPoints(10), limit: 2));
        m.BuyAs("A", Item(1m));
        Assert.True(m.BuyAs("A", Item(1m)).Duplicate);
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void Uses_of_unlimited_promotions_are_not_kept()
    {
        var m = MemberWith(Promo("always", BonusPoints(10)));
        m.Buy(Item(1m));
        Assert.Empty(m.State.PromotionUses);
    }

    [Fact]
    public void Limits_are_per_promotion()
    {
        var m = MemberWith(Promo("one", BonusPoints(10), limit: 1), Promo("two", BonusPoints(20), limit: 2));
        Assert.Equal(2, m.Buy(Item(1m)).PromotionsApplied.Count);
        Assert.Equal(["two"], m.Buy(Item(1m)).PromotionsApplied.Select(p => p.PromotionId).ToArray());
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void Use_counts_are_forgotten_once_no_purchase_can_fall_in_the_window()
    {
        var m = MemberWith(Promo("once", BonusPoints(10), limit: 1));
        m.Buy(Item(1m));
        var keepUntil = Ends.AddDays(m.Programme.Options.TransactionWindowDays);
        Assert.Equal(keepUntil, m.State.PromotionUses["once"].KeepUntil);

        m.AdvanceTo(keepUntil.AddTicks(-1));
        Assert.Single(m.State.PromotionUses);
        Assert.True(m.AdvanceTo(keepUntil));
        Assert.Empty(m.State.PromotionUses);
    }

    [Fact]
    public void A_promotion_ended_early_is_forgotten_earlier()
    {
        var promo = Promo("once", BonusPoints(10), limit: 1) with { EndedAt = T0.AddDays(1) };
        var m = MemberWith(promo);
        m.Buy(Item(1m));
        Assert.Equal(T0.AddDays(1 + m.Programme.Options.TransactionWindowDays), m.State.PromotionUses["once"].KeepUntil);
    }

    [Fact]
    public void Use_counts_and_clubs_survive_storage()
    {
        var m = MemberWith(Promo("once", BonusPoints(10), limit: 1));
        m.Join("coffee-club");
        m.Buy(Item(1m));

        var stored = StoredState.RoundTrip(m.State);

        Assert.Equal(m.State.PromotionUses["once"].Count, stored.PromotionUses["once"].Count);
        Assert.Equal(m.State.PromotionUses["once"].KeepUntil, stored.PromotionUses["once"].KeepUntil);
        Assert.Equal(m.State.Clubs, stored.Clubs);
    }
}
