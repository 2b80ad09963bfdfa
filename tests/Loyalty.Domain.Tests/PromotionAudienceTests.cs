using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>Who a promotion is for: club members, a tier and above, a segment, or all of these at once.</summary>
public class PromotionAudienceTests
{
    private static readonly PromotionEffect Bonus = BonusPoints(10);

    [Fact]
    public void Without_conditions_a_promotion_is_for_every_member()
    {
        var m = MemberWith(Promo("all", Bonus));
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void A_club_promotion_is_for_its_members_only()
    {
        var m = MemberWith(Promo("club", Bonus, new PromotionAudience(ClubId: "coffee-club")));
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);

        m.Join("other-club");
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);

        m.Join("coffee-club");
        m.AdvanceDays(1);
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);

        m.Leave("coffee-club");
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void A_club_counts_from_the_moment_the_member_joined_it()
    {
        var m = MemberWith(Promo("club", Bonus, new PromotionAudience(ClubId: "coffee-club")));
        m.Now = T0.AddHours(1);
        m.Join("coffee-club");

        Assert.Empty(m.BuyAt(m.Now.AddTicks(-1), Item(1m)).PromotionsApplied); // a sale rung up before joining
        Assert.Single(m.BuyAt(m.Now, Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void A_minimum_tier_admits_that_tier_and_those_above()
    {
        var m = MemberWith(Promo("silver", Bonus, new PromotionAudience(MinTier: "Silver")));
        Assert.Empty(m.Buy(Item(100m)).PromotionsApplied);
        Assert.Single(m.Buy(Item(1900m)).PromotionsApplied); // Gold now: above Silver
    }

    [Fact]
    public void The_tier_a_purchase_reaches_counts_for_that_purchase()
    {
        var m = MemberWith(Promo("silver", Bonus, new PromotionAudience(MinTier: "Silver")));
        var sale = m.Buy(Item(500m));
        Assert.True(sale.TierChanged);
        Assert.Single(sale.PromotionsApplied);
    }

    [Fact]
    public void A_tier_no_longer_configured_admits_no_one()
    {
        var m = MemberWith(Promo("platinum", Bonus, new PromotionAudience(MinTier: "Platinum")));
        Assert.Empty(m.Buy(Item(5000m)).PromotionsApplied);
    }

    [Fact]
    public void A_segment_promotion_is_for_the_members_the_caller_puts_in_it()
    {
        var promo = Promo("win-back", Bonus, new PromotionAudience(Segment: MemberSegments.AtRisk));
        Assert.Single(MemberWith(null, new HashSet<string> { MemberSegments.AtRisk, MemberSegments.Top }, promo).Buy(Item(1m)).PromotionsApplied);
        Assert.Empty(MemberWith(null, new HashSet<string> { MemberSegments.Top }, promo).Buy(Item(1m)).PromotionsApplied);
        Assert.Empty(MemberWith(promo).Buy(Item(1m)).PromotionsApplied);
    }

    [Theory]
    [InlineData(true, true, true, true)]
    [InlineData(false, true, true, false)]
    [InlineData(true, false, true, false)]
    [InlineData(true, true, false, false)]
    public void Every_condition_given_must_hold(bool inClub, bool silver, bool top, bool applies)
    {
        var promo = Promo("vip", Bonus, new PromotionAudience("coffee-club", "Silver", MemberSegments.Top));
        var m = MemberWith(null, top ? new HashSet<string> { MemberSegments.Top } : new HashSet<string>(), promo);
        if (inClub)
            m.Join("coffee-club");
        m.AdvanceDays(1);

        var sale = m.Buy(Item(silver ? 600m : 100m));

        Assert.Equal(applies, sale.PromotionsApplied.Count == 1);
    }
}
