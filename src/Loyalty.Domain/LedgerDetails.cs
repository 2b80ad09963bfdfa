using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Domain;

// The "details" of ledger entries: kind-specific facts kept as JSON next to the common columns.

internal sealed record PurchaseLineDetails(string Sku, string? Category, int Quantity, decimal UnitPrice);

// Fingerprint: the digest of the till's request, so that a replay can still be told from a changed request after the
// member's transactions were rebuilt from the ledger.

internal sealed record PurchaseDetails(DateTimeOffset OccurredAt, decimal QualifyingSpend, string Tier, decimal PointsPerUnit,
    IReadOnlyList<PurchaseLineDetails> Lines, IReadOnlyDictionary<string, int> Stamps, IReadOnlyDictionary<string, int> Cards,
    DateOnly LotExpiresOn, string Fingerprint);

internal sealed record RefundDetails(string OriginalTransactionId, IReadOnlyList<RefundLine> Lines, decimal QualifyingSpend,
    IReadOnlyDictionary<string, int> Stamps, IReadOnlyList<int> Returned, string Fingerprint);

internal sealed record RedemptionDetails(string Fingerprint, string? RewardId = null, string? Kind = null, string? Description = null,
    DateTimeOffset? ExpiresAt = null);

internal sealed record RewardDetails(string RewardId, string Kind, string Description, DateTimeOffset ExpiresAt);

internal sealed record TierChangeDetails(string From, string To);

internal sealed record ExpiryDetails(DateOnly ExpiresOn);

internal static class DetailsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
