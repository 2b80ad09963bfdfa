using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// The catalogue as this node holds it, immutable: swapped whole when a newer version arrives. It keeps only the
/// promotions a purchase can still fall in (those that ended within the transaction window, as a till may report a
/// sale late), and a ready-made <see cref="PromotionContext"/> so a purchase allocates nothing to use it.
/// </summary>
public sealed class PromotionCatalogueSnapshot
{
    public static readonly PromotionCatalogueSnapshot Empty = new(-1, [], null);

    public PromotionCatalogueSnapshot(long version, IReadOnlyList<PromotionDefinition> promotions, IPromotionBudget? budget)
    {
        Version = version;
        Promotions = promotions;
        Budgeted = promotions.Where(p => p.BudgetPoints is not null).ToArray();
        Context = promotions.Count == 0 ? PromotionContext.None : new PromotionContext(promotions, null, budget);
    }

    /// <summary>The catalogue version this snapshot holds; -1 before the first one arrived.</summary>
    public long Version { get; }

    public IReadOnlyList<PromotionDefinition> Promotions { get; }

    /// <summary>The promotions with a budget, whose points the node reserves (<see cref="PromotionBudgetReservations"/>).</summary>
    public IReadOnlyList<PromotionDefinition> Budgeted { get; }

    /// <summary>The context of a purchase by a member in no segment.</summary>
    public PromotionContext Context { get; }
}
