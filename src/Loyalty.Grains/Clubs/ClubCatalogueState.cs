namespace Loyalty.Grains.Clubs;

[GenerateSerializer, Alias("loyalty.club-catalogue-state")]
public sealed class ClubCatalogueState
{
    [Id(0)] public Dictionary<string, Club> Clubs { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// The outbox of the audit: entries stored with their change and not yet copied to the audit table (a state
    /// stored before the audit had its table holds its whole audit here, copied on the next activation).
    /// </summary>
    [Id(1)] public List<ClubAuditEntry> Audit { get; set; } = [];
    /// <summary>The sequence number of the last audit entry.</summary>
    [Id(2)] public long AuditSequence { get; set; }
}
