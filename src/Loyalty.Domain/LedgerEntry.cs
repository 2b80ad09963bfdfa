namespace Loyalty.Domain;

/// <summary>The kinds of ledger entry, as stored and as the activity API shows them.</summary>
public static class LedgerKinds
{
    public const string Enrolled = "enrolled";
    public const string Purchase = "purchase";
    public const string Redemption = "redemption";
    public const string RewardRedeemed = "reward-redeemed";
    public const string Refund = "refund";
    public const string PointsExpired = "points-expired";
    public const string RewardIssued = "reward-issued";
    public const string RewardExpired = "reward-expired";
    public const string RewardRevoked = "reward-revoked";
    public const string TierChanged = "tier-changed";
    public const string ClubJoined = "club-joined";
    public const string ClubLeft = "club-left";
    public const string Adjustment = "adjustment";
    public const string RedemptionVoided = "redemption-voided";
    public const string PointsReleased = "points-released";
    /// <summary>On the source of a merge: everything it had went to another member (its balance, as negative points).</summary>
    public const string MergedOut = "merged-out";
    /// <summary>On the target of a merge: everything of another member came in (the source's balance, as points).</summary>
    public const string MergedIn = "merged-in";
    /// <summary>The member's personal data was erased (GDPR); the amounts stay. The member's last entry.</summary>
    public const string MemberErased = "member-erased";
}

/// <summary>
/// One event of a member's history. <see cref="Sequence"/> numbers a member's entries from 1 without gaps;
/// with the member id it is the entry's identity, so writing an entry twice stores it once. <see cref="TillId"/> is the
/// enrolled till whose command made the entry (null for configured keys and the engine's own entries).
/// <see cref="Liability"/> is how the command that made the entry changed the member's points liability, on the last
/// entry of that command (<see cref="LiabilityTracking"/>); null for most entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.ledger-entry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? TransactionId,
    [property: Id(4)] string? StoreId,
    [property: Id(5)] long Points,
    [property: Id(6)] long Balance,
    [property: Id(7)] decimal? Amount,
    [property: Id(8)] string Description,
    [property: Id(9)] string? Details,
    [property: Id(10)] string? TillId = null,
    [property: Id(11)] LiabilityChange? Liability = null);
