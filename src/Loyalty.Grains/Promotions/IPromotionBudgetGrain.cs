namespace Loyalty.Grains.Promotions;

/// <summary>
/// The budget of one promotion (keyed by promotion id). Nodes reserve its points in chunks and spend them locally
/// (<see cref="PromotionBudgetReservations"/>), so purchases are not serialised through this grain; it never grants
/// more than the budget in total, so the promotion never gives more than its budget.
/// </summary>
[Alias("loyalty.promotion-budget")]
public interface IPromotionBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants <paramref name="node"/> up to <paramref name="points"/> of a budget of <paramref name="budget"/> points
    /// (fixed by the first call); the points granted, 0 once the budget is all granted. Answered once stored.
    /// </summary>
    [Alias("reserve")]
    Task<long> Reserve(string node, long points, long budget);

    [Alias("usage"), Orleans.Concurrency.ReadOnly]
    Task<PromotionBudgetUsage> GetUsage();
}

/// <summary>How much of a budget has been granted to nodes, in total and per node, and in how many reservations.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-budget-usage")]
public sealed record PromotionBudgetUsage(
    [property: Id(0)] long Budget,
    [property: Id(1)] long Granted,
    [property: Id(2)] IReadOnlyDictionary<string, long> GrantedByNode,
    [property: Id(3)] long Reservations);
