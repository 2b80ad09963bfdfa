using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Domain;

// The "details" of ledger entries: kind-specific facts kept as JSON next to the common columns.

internal sealed record PurchaseLineDetails(string Sku, string? Category, int Quantity, decimal UnitPrice);

// Promotions (purchase): what each promotion gave the sale, with its terms, so that a rebuilt sale is refunded alike.
// PendingPoints, ReleasesOn (purchase): the points that went pending (PendingDays) rather than to the balance, and the
// day they are released; the entry's own points are what reached the balance at once.
// PendingCancelled (refund): the points the refund took from the sale's pending points; the entry's own points are
// what it took from the balance.
// Promotions (refund): the ids of the promotions the refund made lapse (points, bonus stamps and use given back).
// Stamps count bonus stamps too.

// ImportId (purchase): the import that brought a historical sale in (see Imports); absent for a till's sale.

// Fingerprint: the digest of the till's request, so that a replay can still be told from a changed request after the
// member's transactions were rebuilt from the ledger.

internal sealed record PurchaseDetails(DateTimeOffset OccurredAt, decimal QualifyingSpend, string Tier, decimal PointsPerUnit,
    IReadOnlyList<PurchaseLineDetails> Lines, IReadOnlyDictionary<string, int> Stamps, IReadOnlyDictionary<string, int> Cards,
    DateOnly LotExpiresOn, string Fingerprint, IReadOnlyList<PromotionGrant>? Promotions = null, long? PendingPoints = null,
    DateOnly? ReleasesOn = null, string? ImportId = null);

internal sealed record RefundDetails(string OriginalTransactionId, IReadOnlyList<RefundLine> Lines, decimal QualifyingSpend,
    IReadOnlyDictionary<string, int> Stamps, IReadOnlyList<int> Returned, string Fingerprint, IReadOnlyList<string>? Promotions = null,
    long? PendingCancelled = null);

internal sealed record ClubDetails(string ClubId, string? Name = null);

// Lots (points redemption): the points taken from each lot, for a void; absent in entries written before voids existed.
internal sealed record RedemptionDetails(string Fingerprint, string? RewardId = null, string? Kind = null, string? Description = null,
    DateTimeOffset? ExpiresAt = null, IReadOnlyList<PointsTaken>? Lots = null);

// By: the API key's name or the till's id that made the adjustment. LotExpiresOn: the lot added points went to.
internal sealed record AdjustmentDetails(string Reason, string? Note, string By, string Fingerprint, DateOnly? LotExpiresOn = null);

// Lots: the points put back into each lot (expired ones are not); RewardId: the reward given back. By: the till's id or
// the API key's name that voided it.
internal sealed record VoidDetails(string OriginalTransactionId, string Fingerprint, IReadOnlyList<PointsTaken>? Lots = null,
    string? RewardId = null, string? Kind = null, string? Description = null, DateTimeOffset? ExpiresAt = null, string? By = null);

// Count: how many rewards of the group the entry issued, revoked or saw expire; absent for one (and in entries written
// before rewards were counted, each of which is one reward).
internal sealed record RewardDetails(string RewardId, string Kind, string Description, DateTimeOffset ExpiresAt, int? Count = null);

// Merges: what moved, on both sides. Rewards: the groups moved (reissued on the target, each with its reward-issued entry).
// Pending: the points not spendable yet, with their release days (absent when none moved). By: the API key's name that asked.
internal sealed record MergeInDetails(string TargetMemberId, string SourceMemberId, string Fingerprint, string Tier, IReadOnlyList<MergedLot> Lots, long Debt,
    IReadOnlyDictionary<string, int> Stamps, IReadOnlyList<RewardView> Rewards, decimal LifetimeSpend, IReadOnlyList<string> Clubs,
    IReadOnlyList<MergedPendingLot>? Pending = null, string? By = null);

internal sealed record MergeOutDetails(string TargetMemberId, string SourceMemberId, string Fingerprint, IReadOnlyList<MergedLot> Lots, long Debt,
    IReadOnlyDictionary<string, int> Stamps, IReadOnlyList<RewardView> Rewards, decimal LifetimeSpend, IReadOnlyList<string> Clubs,
    IReadOnlyList<MergedPendingLot>? Pending = null, string? By = null);

// ExpiresOn: the lot the opening balance went to; ImportId: the import that brought the member in.
internal sealed record OpeningBalanceDetails(DateOnly ExpiresOn, string ImportId);

internal sealed record TierChangeDetails(string From, string To);

internal sealed record ExpiryDetails(DateOnly ExpiresOn);

// Lots: the pending lots a release made spendable, one per sale (the entry's points are their sum).
internal sealed record PointsReleasedDetails(IReadOnlyList<PendingLotDetails> Lots);

internal sealed record PendingLotDetails(string TransactionId, long Points, DateOnly ReleasesOn, DateOnly ExpiresOn);

internal static class DetailsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
