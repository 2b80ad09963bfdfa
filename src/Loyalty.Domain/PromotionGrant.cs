namespace Loyalty.Domain;

/// <summary>
/// What a promotion gave one sale, with the terms it gave it on, so that a refund can work out what to take back
/// and a rebuild from the ledger brings it back as it was.
/// </summary>
/// <param name="Points">The points it added, its share of the purchase's single rounding.</param>
/// <param name="Stamps">The bonus stamps it added to <paramref name="CardId"/>.</param>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-grant")]
public sealed record PromotionGrant(
    [property: Id(0)] string PromotionId,
    [property: Id(1)] string Name,
    [property: Id(2)] PromotionEffect Effect,
    [property: Id(3)] long Points,
    [property: Id(4)] int Stamps = 0,
    [property: Id(5)] string? CardId = null)
{
    public PromotionApplied ToApplied() => new(PromotionId, Name, Points, Stamps);
}
