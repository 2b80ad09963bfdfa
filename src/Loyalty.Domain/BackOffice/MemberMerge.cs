using Loyalty.Domain.Identity;

namespace Loyalty.Domain;

/// <summary>
/// Moves everything of the member <see cref="SourceMemberId"/> into the member it is sent to (the target), exactly once;
/// idempotent on <see cref="TransactionId"/>. <see cref="By"/> is who asked (the API key's name), for the ledger entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.member-merge")]
public sealed record MemberMerge(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string SourceMemberId,
    [property: Id(2)] string? By = null);

/// <summary>Points that expire together: a <see cref="PointLot"/> as a merge hands it over.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.merged-lot")]
public sealed record MergedLot(
    [property: Id(0)] DateOnly ExpiresOn,
    [property: Id(1)] long Points);

/// <summary>Points not spendable yet (<see cref="PendingLot"/>) as a merge hands them over: they keep their release and expiry days.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.merged-pending-lot")]
public sealed record MergedPendingLot(
    [property: Id(0)] DateOnly ReleasesOn,
    [property: Id(1)] DateOnly ExpiresOn,
    [property: Id(2)] long Points);

/// <summary>
/// Everything a merge moves out of the source, taken once when the source freezes (a retry gets the same) and kept by
/// the source afterwards, so that every step of the merge can be done again with the same result. Its size is bounded
/// like the state it was taken from. A new kind of thing to move is one more list here, filled in
/// <see cref="Programme.FreezeForMerge"/> and combined in <see cref="Programme.ApplyMerge"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.merge-snapshot")]
public sealed record MergeSnapshot(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string SourceMemberId,
    [property: Id(2)] string TargetMemberId,
    [property: Id(3)] DateTimeOffset TakenAt,
    [property: Id(4)] IReadOnlyList<MergedLot> Lots,
    [property: Id(5)] long Debt,
    [property: Id(6)] IReadOnlyDictionary<string, int> Stamps,
    [property: Id(7)] IReadOnlyList<RewardView> Rewards,
    [property: Id(8)] IReadOnlyDictionary<DateOnly, decimal> DailySpend,
    [property: Id(9)] decimal LifetimeSpend,
    [property: Id(10)] DateTimeOffset? LastPurchaseAt,
    [property: Id(11)] IReadOnlyDictionary<string, DateTimeOffset> Clubs,
    [property: Id(12)] IReadOnlyDictionary<string, int> PromotionUses,
    [property: Id(13)] string Tier,
    [property: Id(14)] DateTimeOffset? TierReachedAt,
    [property: Id(15)] IReadOnlyList<MemberIdentifier> Identifiers,
    [property: Id(16)] IReadOnlyList<MergedPendingLot> PendingLots,
    [property: Id(17)] string? By = null)
{
    /// <summary>The source's balance when it froze: its points less what it owed.</summary>
    public long Balance => Lots.Sum(l => l.Points) - Debt;
}

/// <summary>The answer to a merge: who moved into whom, the points moved (the source's balance), and the target's balance and tier after it.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.merge-outcome")]
public sealed record MergeOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] string MemberId,
    [property: Id(3)] string SourceMemberId,
    [property: Id(4)] long PointsMoved,
    [property: Id(5)] long Balance,
    [property: Id(6)] string Tier);
