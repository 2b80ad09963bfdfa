namespace Loyalty.Domain;

/// <summary>
/// The share of promotion budgets a purchase may draw on. The member's host passes one in; the rules ask it, in the
/// order of the promotions' ids, for the points each promotion with a budget would add, and apply a promotion only
/// when all of them are granted (never part). A promotion without a budget is never asked for.
/// </summary>
public interface IPromotionBudget
{
    /// <summary>Takes <paramref name="points"/> (at least 1) of the promotion's budget; false, taking nothing, when they are not there.</summary>
    bool TryTake(string promotionId, long points);

    /// <summary>Gives back points taken and not given out (a purchase takes a whole point more than its share at most).</summary>
    void Return(string promotionId, long points);
}
