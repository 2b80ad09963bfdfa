namespace Loyalty.Grains.Promotions;

[GenerateSerializer, Alias("loyalty.promotion-budget-state")]
public sealed class PromotionBudgetState
{
    [Id(0)] public long Budget { get; set; }
    [Id(1)] public long Granted { get; set; }
    [Id(2)] public Dictionary<string, long> GrantedByNode { get; set; } = new(StringComparer.Ordinal);
    /// <summary>How many reservations were granted points.</summary>
    [Id(3)] public long Reservations { get; set; }
}
