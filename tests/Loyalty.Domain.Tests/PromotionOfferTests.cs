using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// What a host asks of the rules around a purchase: which promotions are open to a member now, and the most points
/// a promotion could ask its budget for on a purchase (so enough is set aside first).
/// </summary>
public class PromotionOfferTests
{
    [Fact]
    public void Open_promotions_are_running_for_the_member_and_within_the_limit_in_id_order()
    {
        var club = Promo("b-club", BonusPoints(10), new PromotionAudience(ClubId: "coffee-club"));
        var limited = Promo("a-once", BonusPoints(5), limit: 1);
        var gold = Promo("c-gold", BonusPoints(5), new PromotionAudience(MinTier: "Gold"));
        var later = Promo("d-later", BonusPoints(5)) with { StartsAt = Ends, EndsAt = Ends.AddDays(1) };
        var m = MemberWith(club, limited, gold, later);
        m.Now = Starts.AddHours(1);

        Assert.Equal(["a-once"], Open(m));
        m.Join("coffee-club");
        Assert.Equal(["a-once", "b-club"], Open(m));
        m.Buy(Item(1m));
        Assert.Equal(["b-club"], Open(m)); // the one-use promotion is used up
        m.Now = Ends.AddHours(1);
        Assert.Equal(["d-later"], Open(m)); // the others are over; this one has started
        m.Now = Ends.AddDays(2);
        Assert.Empty(Open(m));
    }

    [Fact]
    public void The_most_points_a_promotion_could_ask_is_at_the_top_tier_and_zero_when_it_cannot_apply()
    {
        var m = new TestMember { Now = Starts.AddHours(1) };
        var coffee = Promo("x2", Multiplier(2m, category: "coffee"));
        var club = Promo("club", BonusPoints(30), new PromotionAudience(ClubId: "coffee-club"));
        var lines = new[] { Coffee(2, unitPrice: 3.20m), Item(10m) };

        Assert.Equal(10, m.Programme.MostPromotionPoints(m.State, coffee, lines, null, m.Now)); // 6.40 × 1.5 × (2 − 1), rounded up
        Assert.Equal(0, m.Programme.MostPromotionPoints(m.State, coffee, [Item(10m)], null, m.Now));
        Assert.Equal(0, m.Programme.MostPromotionPoints(m.State, coffee, lines, null, Ends));
        Assert.Equal(0, m.Programme.MostPromotionPoints(m.State, club, lines, null, m.Now));
        m.Join("coffee-club");
        Assert.Equal(30, m.Programme.MostPromotionPoints(m.State, club, lines, null, m.Now));
    }

    private static string[] Open(TestMember m) =>
        m.Programme.PromotionsOpenTo(m.State, m.Promotions!, m.Now).Select(p => p.Id).ToArray();
}
