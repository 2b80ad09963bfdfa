using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.BackOffice;

/// <summary>What a merge moves from the source into the target, and how it combines with what the target has.</summary>
public class MergeCombineTests
{
    [Fact]
    public void Point_lots_move_with_their_expiry_and_join_the_targets_lot_of_the_same_day()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        p.Target.Buy(Item(20m));
        p.AdvanceDays(40);
        p.Source.Buy(Item(15m));

        var outcome = p.Merge();

        Assert.Equal(45, outcome.PointsMoved);
        Assert.Equal(65, outcome.Balance);
        Assert.Equal(65, p.Target.Balance);
        Assert.Equal([(Day(T0).AddMonths(12), 50L), (Day(T0.AddDays(40)).AddMonths(12), 15L)],
            p.Target.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray());
        Assert.Equal(0, p.Source.Balance);
        Assert.Empty(p.Source.State.Lots);
    }

    [Fact]
    public void Debt_moves_too_and_the_balances_add_up()
    {
        var p = new MergePair();
        p.Source.BuyAs("P1", Item(30m));
        p.Source.Redeem(30);
        p.Source.Refund("P1", Back("ITEM")); // the 30 points were spent: the source owes 30
        p.Target.Buy(Item(100m));
        Assert.Equal(-30, p.Source.Balance);

        var outcome = p.Merge();

        Assert.Equal(-30, outcome.PointsMoved);
        Assert.Equal(70, p.Target.Balance);
        Assert.Equal(30, p.Target.State.Debt); // owed by the target now, repaid from its later earnings like any debt
        Assert.Equal(0, p.Source.Balance);
    }

    [Fact]
    public void Stamps_add_up_and_a_full_card_becomes_a_reward_of_the_target()
    {
        var p = new MergePair();
        p.Source.Buy(Coffee(5));
        p.Target.Buy(Coffee(6));

        p.Merge();

        Assert.Equal(2, p.Target.Stamps());
        var reward = Assert.Single(p.Target.OpenRewards);
        Assert.Equal(1, reward.Count);
        Assert.Equal(0, p.Source.Stamps());
        var issued = p.Target.Entries(LedgerKinds.RewardIssued).Last();
        Assert.Equal("MRG-1", issued.TransactionId);
    }

    [Fact]
    public void Open_rewards_move_with_their_expiry_and_count_and_can_be_redeemed_on_the_target()
    {
        var p = new MergePair();
        p.Source.Buy(Coffee(18)); // two rewards in one group
        var expiresAt = p.Source.OpenRewards[0].ExpiresAt;
        p.AdvanceDays(3);

        p.Merge();

        var moved = Assert.Single(p.Target.OpenRewards);
        Assert.Equal(2, moved.Count);
        Assert.Equal(expiresAt, moved.ExpiresAt);
        Assert.Empty(p.Source.OpenRewards);
        Assert.Equal(1, p.Target.RedeemReward(moved.RewardId).RewardRedeemed!.Count);
        Assert.Equal(1, Assert.Single(p.Target.OpenRewards).Count);
    }

    [Fact]
    public void The_tier_follows_the_combined_twelve_month_spend()
    {
        var p = new MergePair();
        p.Source.Buy(Item(300m));
        p.Target.Buy(Item(250m));
        Assert.Equal("Member", p.Target.State.Tier);

        var outcome = p.Merge();

        Assert.Equal("Silver", outcome.Tier);
        Assert.Equal("Silver", p.Target.State.Tier);
        Assert.Equal(p.Now, p.Target.State.TierReachedAt);
        Assert.Equal(550m, p.Programme.QualifyingSpend(p.Target.State, p.Now));
        var change = Assert.Single(p.Target.Entries(LedgerKinds.TierChanged));
        Assert.Equal("MRG-1", change.TransactionId);
    }

    [Fact]
    public void Spend_older_than_the_qualifying_window_does_not_count_for_the_tier()
    {
        var p = new MergePair();
        p.Source.Buy(Item(300m));
        p.AdvanceDays(400);
        p.Target.Buy(Item(250m));

        var outcome = p.Merge();

        Assert.Equal("Member", outcome.Tier);
        Assert.Equal(550m, p.Target.State.LifetimeSpend);
    }

    [Fact]
    public void A_better_tier_the_source_still_holds_carries_over_with_its_hold()
    {
        var p = new MergePair();
        p.Source.Buy(Item(600m));
        var reachedAt = p.Source.State.TierReachedAt;
        p.AdvanceDays(30);

        var outcome = p.Merge();

        Assert.Equal("Silver", outcome.Tier);
        Assert.Equal(reachedAt, p.Target.State.TierReachedAt);
        Assert.Equal("Member", p.Source.State.Tier);
    }

    [Fact]
    public void Spend_history_lifetime_spend_last_purchase_and_clubs_combine()
    {
        var p = new MergePair();
        p.Source.Join("coffee-club");
        p.Source.Buy(Item(40m));
        p.AdvanceDays(2);
        p.Target.Join("book-club");
        p.Target.Buy(Item(10m));
        p.AdvanceDays(1);
        p.Source.Buy(Item(5m));
        var lastAt = p.Now;

        p.Merge();

        Assert.Equal(55m, p.Target.State.LifetimeSpend);
        Assert.Equal(lastAt, p.Target.State.LastPurchaseAt);
        Assert.Equal(3, p.Target.State.DailySpend.Count);
        Assert.Equal(["book-club", "coffee-club"], p.Target.State.Clubs.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(T0, p.Target.State.Clubs["coffee-club"]);
        Assert.Empty(p.Source.State.Clubs);
        Assert.Empty(p.Source.State.DailySpend);
        Assert.Equal(0m, p.Source.State.LifetimeSpend);
    }

    [Fact]
    public void The_ledger_entries_of_both_sides_cancel_out()
    {
        var p = new MergePair();
        p.Source.Buy(Item(42m));

        p.Merge();

        var mergedIn = Assert.Single(p.Target.Entries(LedgerKinds.MergedIn));
        var mergedOut = Assert.Single(p.Source.Entries(LedgerKinds.MergedOut));
        Assert.Equal(42, mergedIn.Points);
        Assert.Equal(-42, mergedOut.Points);
        Assert.Equal(0, mergedOut.Balance);
        Assert.Equal(42, mergedIn.Balance);
        Assert.Contains(MergePair.SourceId, mergedIn.Description, StringComparison.Ordinal);
        Assert.Contains(MergePair.TargetId, mergedOut.Description, StringComparison.Ordinal);
    }
}
