using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Domain;

// The "details" of ledger entries: kind-specific facts kept as JSON next to the common columns.

internal sealed record PurchaseLineDetails(string Sku, string? Category, int Quantity, decimal UnitPrice);

internal sealed record PurchaseDetails(DateTimeOffset OccurredAt, decimal QualifyingSpend, string Tier, decimal PointsPerUnit,
    IReadOnlyList<PurchaseLineDetails> Lines, IReadOnlyDictionary<string, int> Stamps);

internal sealed record RefundDetails(string OriginalTransactionId, IReadOnlyList<RefundLine> Lines, decimal QualifyingSpend,
    IReadOnlyDictionary<string, int> Stamps);

internal sealed record RedemptionDetails(string? RewardId);

internal sealed record RewardDetails(string RewardId, string Kind, DateTimeOffset ExpiresAt);

internal sealed record TierChangeDetails(string From, string To);

internal sealed record ExpiryDetails(DateOnly ExpiresOn);

internal static class DetailsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
