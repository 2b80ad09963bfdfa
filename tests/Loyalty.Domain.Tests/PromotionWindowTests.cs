using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>A promotion runs in [startsAt, endsAt), cut short at endedAt; what counts is when the purchase occurred.</summary>
public class PromotionWindowTests
{
    private static readonly PromotionDefinition Week = Promo("week", BonusPoints(10));

    private static bool AppliesAt(PromotionDefinition promo, DateTimeOffset occurredAt)
    {
        var m = MemberWith(promo);
        m.Now = Ends.AddDays(1);
        return m.BuyAt(occurredAt, Item(1m)).PromotionsApplied.Count == 1;
    }

    [Fact]
    public void The_start_is_in_the_window()
    {
        Assert.True(AppliesAt(Week, Starts));
        Assert.False(AppliesAt(Week, Starts.AddTicks(-1)));
    }

    [Fact]
    public void The_end_is_not_in_the_window()
    {
        Assert.True(AppliesAt(Week, Ends.AddTicks(-1)));
        Assert.False(AppliesAt(Week, Ends));
    }

    [Fact]
    public void A_promotion_ended_early_stops_when_it_was_ended()
    {
        var ended = Week with { EndedAt = T0.AddDays(2) };
        Assert.True(AppliesAt(ended, T0.AddDays(2).AddTicks(-1)));
        Assert.False(AppliesAt(ended, T0.AddDays(2)));
        Assert.False(AppliesAt(ended, T0.AddDays(5)));
    }

    [Fact]
    public void Ending_after_the_end_changes_nothing()
    {
        var ended = Week with { EndedAt = Ends.AddDays(3) };
        Assert.False(AppliesAt(ended, Ends));
        Assert.Equal(Ends, ended.EffectiveEnd);
    }

    [Fact]
    public void A_sale_recorded_late_gets_the_promotions_of_when_it_occurred()
    {
        var m = MemberWith(Week);
        m.Now = Ends.AddDays(10);
        Assert.Single(m.BuyAt(Ends.AddDays(-1), Item(1m)).PromotionsApplied);
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);
    }

    [Fact]
    public void A_sale_without_a_time_occurs_when_it_is_recorded()
    {
        var m = MemberWith(Week);
        Assert.Single(m.Buy(Item(1m)).PromotionsApplied);
        m.Now = Ends;
        Assert.Empty(m.Buy(Item(1m)).PromotionsApplied);
    }
}
