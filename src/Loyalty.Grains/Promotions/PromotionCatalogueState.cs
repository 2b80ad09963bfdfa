namespace Loyalty.Grains.Promotions;

[GenerateSerializer, Alias("loyalty.promotion-catalogue-state")]
public sealed class PromotionCatalogueState
{
    /// <summary>Goes up with every change; nodes compare it with the version they hold.</summary>
    [Id(0)] public long Version { get; set; }
    /// <summary>The number in the last promotion id given out.</summary>
    [Id(1)] public long LastNumber { get; set; }
    /// <summary>The promotions a sale can still fall in: those not ended, and those ended within the transaction window.</summary>
    [Id(2)] public List<PromotionRecord> Promotions { get; set; } = [];
    /// <summary>
    /// The outbox of the audit: entries stored with their change and not yet copied to the audit table (a state
    /// stored before the audit had its table holds its whole audit here, copied on the next activation).
    /// </summary>
    [Id(3)] public List<PromotionAuditEntry> Audit { get; set; } = [];
    /// <summary>The sequence number of the last audit entry.</summary>
    [Id(4)] public long AuditSequence { get; set; }
}
