using System.Text.Json.Serialization;

namespace Loyalty.Domain;

[GenerateSerializer, Immutable, Alias("loyalty.stamp-card-view")]
public sealed record StampCardView(
    [property: Id(0)] string CardId,
    [property: Id(1)] int Stamps,
    [property: Id(2)] int StampsRequired);

/// <summary>
/// Rewards of one card that expire together, as tills and apps see them: <see cref="Count"/> of them (1 for a single
/// reward, and for the one a redemption used). Redeeming <see cref="RewardId"/> uses one.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.reward-view")]
public sealed record RewardView(
    [property: Id(0)] string RewardId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] int Count = 1);

/// <summary>A promotion applied to a purchase: the points it added (its share of the single rounding) and any bonus stamps.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-applied")]
public sealed record PromotionApplied(
    [property: Id(0)] string PromotionId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Points,
    [property: Id(3)] int Stamps = 0);

[GenerateSerializer, Immutable, Alias("loyalty.purchase-outcome")]
public sealed record PurchaseOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] long PointsEarned,
    [property: Id(3)] long Balance,
    [property: Id(4)] string Tier,
    [property: Id(5)] bool TierChanged,
    [property: Id(6)] IReadOnlyList<StampCardView> StampCards,
    [property: Id(7)] IReadOnlyList<RewardView> RewardsIssued,
    [property: Id(8)] IReadOnlyList<PromotionApplied> PromotionsApplied,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);

[GenerateSerializer, Immutable, Alias("loyalty.redemption-outcome")]
public sealed record RedemptionOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] long PointsRedeemed,
    [property: Id(3)] RewardView? RewardRedeemed,
    [property: Id(4)] long Balance,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);

[GenerateSerializer, Immutable, Alias("loyalty.refund-outcome")]
public sealed record RefundOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] long PointsReversed,
    [property: Id(3)] int StampsReversed,
    [property: Id(4)] long Balance,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);

/// <summary>
/// A member's membership of a club after a join or a leave. <see cref="Changed"/> is false when the member already was
/// (or was not) a member: joining twice, or leaving a club one is not in, changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.club-membership-outcome")]
public sealed record ClubMembershipOutcome(
    [property: Id(0)] string ClubId,
    [property: Id(1)] bool Member,
    [property: Id(2)] bool Changed,
    [property: Id(3)] DateTimeOffset? JoinedAt,
    [property: Id(4)] IReadOnlyList<string> Clubs);

/// <summary>Why a command was refused. A refused command changes nothing.</summary>
public enum RejectionCode
{
    NotEnrolled,
    TransactionIdReused,
    InsufficientPoints,
    RewardUnavailable,
    UnknownOriginalTransaction,
    LineNotRefundable,
    OutsideTransactionWindow,
    /// <summary>A sale would issue more rewards than <see cref="ProgrammeOptions.MaxRewardsPerSale"/>.</summary>
    TooManyRewards,
    /// <summary>A refund names a sale older than <see cref="ProgrammeOptions.RefundWindowDays"/>.</summary>
    RefundWindowClosed,
    /// <summary>An adjustment beyond <see cref="ProgrammeOptions.MaxAdjustmentPoints"/>.</summary>
    AdjustmentTooLarge,
    /// <summary>A void names a redemption that was voided already (by another transaction).</summary>
    AlreadyVoided,
    /// <summary>A void names a transaction that is not a redemption (a sale, a refund, an adjustment, a void).</summary>
    NotARedemption,
    /// <summary>A merge names the member it is sent to as its source.</summary>
    MergeIntoSelf,
    /// <summary>A merge names a source that is not enrolled.</summary>
    MergeSourceNotEnrolled,
    /// <summary>A merge names a source that is merged, or merging, into another member or by another transaction.</summary>
    SourceAlreadyMerged,
    /// <summary>The member a command is sent to as a merge's target was itself merged (or is merging) into another.</summary>
    MemberMergedAway,
}

[GenerateSerializer, Immutable, Alias("loyalty.rejection")]
public sealed record Rejection(
    [property: Id(0)] RejectionCode Code,
    [property: Id(1)] string Detail);

/// <summary>The outcome of a command: a value, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.result`1")]
public sealed record Result<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] Rejection? Rejection)
{
    public bool IsSuccess => Rejection is null;
    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(RejectionCode code, string detail) => new(default, new Rejection(code, detail));
}

[GenerateSerializer, Immutable, Alias("loyalty.tier-progress")]
public sealed record TierProgress(
    [property: Id(0)] decimal QualifyingSpend12m,
    [property: Id(1)] string? NextTier,
    [property: Id(2)] decimal? SpendToNextTier);

[GenerateSerializer, Immutable, Alias("loyalty.points-expiring")]
public sealed record PointsExpiring(
    [property: Id(0)] long Points,
    [property: Id(1)] DateOnly On);

/// <summary>The member's account as tills and apps read it.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.account")]
public sealed record AccountView(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateOnly? BirthDate,
    [property: Id(4)] long Points,
    [property: Id(5)] string Tier,
    [property: Id(6)] DateOnly? TierHeldUntil,
    [property: Id(7)] TierProgress TierProgress,
    [property: Id(8)] IReadOnlyList<StampCardView> StampCards,
    [property: Id(9)] IReadOnlyList<RewardView> Rewards,
    [property: Id(10)] PointsExpiring? PointsExpiringNext,
    [property: Id(11)] IReadOnlyList<string> Clubs,
    [property: Id(12)] DateTimeOffset? LastPurchaseAt,
    [property: Id(13)] decimal LifetimeSpend,
    [property: Id(14)] DateTimeOffset EnrolledAt,
    [property: Id(15)] long LedgerSequence,
    [property: Id(16)] string? Phone = null,
    [property: Id(17)] long PendingPoints = 0,
    [property: Id(18)] IReadOnlyList<PendingRelease>? PendingReleases = null);

/// <summary>Pending points released (spendable) from the start (00:00 UTC) of <see cref="On"/>.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.pending-release")]
public sealed record PendingRelease(
    [property: Id(0)] long Points,
    [property: Id(1)] DateOnly On);
