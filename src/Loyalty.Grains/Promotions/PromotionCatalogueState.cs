namespace Loyalty.Grains.Promotions;

[GenerateSerializer, Alias("loyalty.promotion-catalogue-state")]
public sealed class PromotionCatalogueState
{
    /// <summary>Goes up with every change; nodes compare it with the version they hold.</summary>
    [Id(0)] public long Version { get; set; }
    /// <summary>The number in the last promotion id given out.</summary>
    [Id(1)] public long LastNumber { get; set; }
    [Id(2)] public List<PromotionRecord> Promotions { get; set; } = [];
    [Id(3)] public List<PromotionAuditEntry> Audit { get; set; } = [];
}
