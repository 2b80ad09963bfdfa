using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class AccountViewTests
{
    [Fact]
    public void A_new_member_sees_an_empty_account()
    {
        var m = new TestMember();
        var view = m.Programme.View(m.State, "M-1", T0);
        Assert.Equal("M-1", view.MemberId);
        Assert.Equal(("Ada", "ada@example.org"), (view.Name, view.Email));
        Assert.Equal(0, view.Points);
        Assert.Equal("Member", view.Tier);
        Assert.Null(view.TierHeldUntil);
        Assert.Equal(new TierProgress(0m, "Silver", 500m), view.TierProgress);
        Assert.Equal(new StampCardView("coffee", 0, 9), Assert.Single(view.StampCards));
        Assert.Empty(view.Rewards);
        Assert.Null(view.PointsExpiringNext);
        Assert.Empty(view.Clubs);
        Assert.Null(view.LastPurchaseAt);
        Assert.Equal(0m, view.LifetimeSpend);
        Assert.Equal(T0, view.EnrolledAt);
        Assert.Equal(1, view.LedgerSequence);
    }

    [Fact]
    public void The_account_shows_points_tier_progress_stamps_and_rewards()
    {
        var m = new TestMember();
        m.Buy(Item(780m), Coffee(10, unitPrice: 3.24m)); // 812.40: Silver, one reward, one stamp
        var view = m.Programme.View(m.State, "M-1", m.Now, ["club-1"]);

        Assert.Equal(1015, view.Points); // floor(812.40 * 1.25)
        Assert.Equal("Silver", view.Tier);
        Assert.Equal(new DateOnly(2027, 1, 15), view.TierHeldUntil);
        Assert.Equal(new TierProgress(812.40m, "Gold", 1187.60m), view.TierProgress);
        Assert.Equal(1, view.StampCards[0].Stamps);
        Assert.Equal("Free coffee", Assert.Single(view.Rewards).Description);
        Assert.Equal(new PointsExpiring(1015, new DateOnly(2027, 1, 15)), view.PointsExpiringNext);
        Assert.Equal(["club-1"], view.Clubs);
        Assert.Equal(T0, view.LastPurchaseAt);
        Assert.Equal(812.40m, view.LifetimeSpend);
        Assert.Equal(m.State.LastSequence, view.LedgerSequence);
    }

    [Fact]
    public void The_top_tier_has_no_next_tier()
    {
        var m = new TestMember();
        m.Buy(Item(2500m));
        var progress = m.Programme.View(m.State, "M-1", m.Now).TierProgress;
        Assert.Equal(new TierProgress(2500m, null, null), progress);
    }

    [Fact]
    public void Spend_to_the_next_tier_is_never_negative()
    {
        var options = ProgrammeOptions.Demo();
        var m = new TestMember(options);
        m.Buy(Item(1500m));
        Assert.Equal(500m, m.Programme.View(m.State, "M-1", m.Now).TierProgress.SpendToNextTier);
        options.Tiers[2].Threshold = 1000m; // the bar moved below the member's spend; only a purchase upgrades
        var progress = m.Programme.View(m.State, "M-1", m.Now).TierProgress;
        Assert.Equal(("Gold", 0m), (progress.NextTier, progress.SpendToNextTier));
    }

    [Fact]
    public void A_negative_balance_is_shown_as_it_is()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(50m, sku: "X"));
        m.Redeem(50);
        m.Refund("A", Back("X"));
        var view = m.Programme.View(m.State, "M-1", m.Now);
        Assert.Equal(-50, view.Points);
        Assert.Null(view.PointsExpiringNext);
    }
}
