namespace Loyalty.Domain;

/// <summary>
/// What a purchase needs to apply promotions: the catalogue as the node knows it, the member's segments, and the
/// share of the promotions' budgets the purchase may draw on. The member's clubs, tier and use counts come from the
/// member's state.
/// </summary>
/// <param name="Promotions">The catalogue snapshot, any order; promotions outside their window are ignored.</param>
/// <param name="Segments">The segments the member is in (<see cref="MemberSegments"/>); null for none.</param>
/// <param name="Budget">Where promotions with a budget take their points; null: no such promotion can apply.</param>
public sealed record PromotionContext(
    IReadOnlyList<PromotionDefinition> Promotions,
    IReadOnlySet<string>? Segments = null,
    IPromotionBudget? Budget = null)
{
    public static readonly PromotionContext None = new([]);
}
