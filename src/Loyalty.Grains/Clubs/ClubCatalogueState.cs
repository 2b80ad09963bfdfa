namespace Loyalty.Grains.Clubs;

[GenerateSerializer, Alias("loyalty.club-catalogue-state")]
public sealed class ClubCatalogueState
{
    [Id(0)] public Dictionary<string, Club> Clubs { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<ClubAuditEntry> Audit { get; set; } = [];
}
