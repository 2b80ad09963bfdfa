namespace Loyalty.Domain;

/// <summary>
/// Everything a member grain keeps. Bounded by design: point lots merge by expiry day, spend is kept per day for
/// the qualifying window only, open rewards are counted by card and expiry day, closed ones and transactions are
/// remembered for a window, and history goes to the ledger.
/// </summary>
[GenerateSerializer, Alias("loyalty.member-state")]
public sealed class MemberState
{
    [Id(0)] public bool Enrolled { get; set; }
    [Id(1)] public MemberProfile? Profile { get; set; }
    [Id(2)] public DateTimeOffset EnrolledAt { get; set; }
    /// <summary>Points not yet used, oldest expiry first.</summary>
    [Id(3)] public List<PointLot> Lots { get; set; } = [];
    /// <summary>Points owed after a refund took back points already spent; later earnings repay it first.</summary>
    [Id(4)] public long Debt { get; set; }
    [Id(5)] public string Tier { get; set; } = "";
    [Id(6)] public DateTimeOffset? TierReachedAt { get; set; }
    [Id(7)] public string? PreviousTier { get; set; }
    [Id(8)] public DateTimeOffset? PreviousTierReachedAt { get; set; }
    /// <summary>
    /// Qualifying spend per purchase day (UTC), inside the qualifying window. Stored packed
    /// (<see cref="PackedDailySpend"/>): a year of daily sales is some 1.5 KB of the state rather than 8.4 KB.
    /// </summary>
    [field: NonSerialized]
    public DailySpendTable DailySpend { get; set; } = [];
    /// <summary>The stored form of <see cref="DailySpend"/> (<see cref="DailySpendPacking"/>); null for none.</summary>
    [Id(52)]
    internal byte[]? PackedDailySpend
    {
        get => DailySpend.Count == 0 ? null : DailySpendPacking.Pack(DailySpend);
        set
        {
            if (value is not null)
                DailySpendPacking.Unpack(value, DailySpend);
        }
    }
    /// <summary>
    /// <see cref="DailySpend"/> as states stored before <see cref="PackedDailySpend"/> hold it (an Orleans dictionary):
    /// read into it, never written.
    /// </summary>
    [Id(9)]
    internal Dictionary<DateOnly, decimal>? EarlierDailySpend
    {
        get => null;
        set
        {
            foreach (var (day, amount) in value ?? [])
                DailySpend[day] = amount;
        }
    }
    [Id(10)] public Dictionary<string, int> Stamps { get; set; } = new(StringComparer.Ordinal);
    // Ids 11 to 13 (and the alias "loyalty.reward") belong to earlier shapes of the state: not to be reused.
    /// <summary>Open rewards, by card and expiry day, earliest day first.</summary>
    [Id(18)] public List<RewardBatch> RewardBatches { get; set; } = [];
    /// <summary>Rewards used, expired or revoked within the transaction window.</summary>
    [Id(19)] public List<ClosedRewards> ClosedRewards { get; set; } = [];
    /// <summary>The closed rewards of the window let go beyond <see cref="ClosedRewardLimit.MaxRemembered"/>; null for none.</summary>
    [Id(51)] public ForgottenClosedRewards? ForgottenClosedRewards { get; set; }
    /// <summary>
    /// The most recent transactions by the till's id (at most <see cref="ProgrammeOptions.MaxRememberedTransactions"/>),
    /// in full, for replays and refunds; older ones of the window are in <see cref="TransactionIds"/> and read back from
    /// the ledger when asked for. Not stored with the state: every transaction is in the ledger, and
    /// <see cref="Programme.Recall"/> rebuilds this from it when the member is loaded, so a write costs the same
    /// however many transactions the member makes.
    /// </summary>
    [field: NonSerialized]
    public Dictionary<string, TransactionRecord> Transactions { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The other transaction ids of the transaction window, compactly; not stored either (see <see cref="Transactions"/>).</summary>
    [field: NonSerialized]
    public TransactionMemory TransactionIds { get; set; } = new();
    [field: NonSerialized]
    public DateTimeOffset? NextTransactionPruneAt { get; set; }
    /// <summary>Sequence number of the last ledger entry written.</summary>
    [Id(14)] public long LastSequence { get; set; }
    /// <summary>Ledger entries stored with the state but not yet confirmed in the ledger table.</summary>
    [Id(15)] public List<LedgerEntry> Outbox { get; set; } = [];
    [Id(16)] public decimal LifetimeSpend { get; set; }
    [Id(17)] public DateTimeOffset? LastPurchaseAt { get; set; }
    /// <summary>
    /// The clubs the member is in, with when they joined, to change; created on first use (most members are in none), so
    /// reads go through <see cref="ClubsOrEmpty"/>. Bounded by the clubs marketing has created.
    /// </summary>
    public Dictionary<string, DateTimeOffset> Clubs => _clubs ??= new(StringComparer.Ordinal);
    /// <summary><see cref="Clubs"/> to read, without creating it.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ClubsOrEmpty => _clubs ?? NoClubs;
    /// <summary>The stored form of <see cref="Clubs"/>: null for none.</summary>
    [Id(20)]
    internal Dictionary<string, DateTimeOffset>? StoredClubs { get => _clubs is { Count: > 0 } ? _clubs : null; set => _clubs = value; }
    [NonSerialized] private Dictionary<string, DateTimeOffset>? _clubs;
    private static readonly Dictionary<string, DateTimeOffset> NoClubs = [];
    /// <summary>
    /// Uses of promotions with a per-member limit, by promotion id, to change; each is forgotten once no purchase can be
    /// recorded inside its promotion's window any more (<see cref="PromotionUse.KeepUntil"/>). Created on first use, like
    /// <see cref="Clubs"/>; reads go through <see cref="PromotionUsesOrEmpty"/>.
    /// </summary>
    public Dictionary<string, PromotionUse> PromotionUses => _promotionUses ??= new(StringComparer.Ordinal);
    /// <summary><see cref="PromotionUses"/> to read, without creating it.</summary>
    public IReadOnlyDictionary<string, PromotionUse> PromotionUsesOrEmpty => _promotionUses ?? NoPromotionUses;
    /// <summary>The stored form of <see cref="PromotionUses"/>: null for none.</summary>
    [Id(21)]
    internal Dictionary<string, PromotionUse>? StoredPromotionUses
    {
        get => _promotionUses is { Count: > 0 } ? _promotionUses : null;
        set => _promotionUses = value;
    }
    [NonSerialized] private Dictionary<string, PromotionUse>? _promotionUses;
    private static readonly Dictionary<string, PromotionUse> NoPromotionUses = [];
    /// <summary>
    /// Points of sales not spendable yet (<see cref="ProgrammeOptions.PendingDays"/>), one lot per sale, earliest release
    /// first; not part of <see cref="Balance"/>. Bounded by the sales of the last <c>PendingDays</c>.
    /// </summary>
    [Id(30)] public List<PendingLot> PendingLots { get; set; } = [];

    public long PendingPoints => PendingLots.Sum(l => l.Points);

    /// <summary>
    /// Whether the liability counters hold this member's <see cref="LiabilitySummary"/> (up to <see cref="LiabilityCarry"/>):
    /// false for a state stored before they existed, whose first change then carries the whole summary.
    /// </summary>
    [Id(40)] public bool LiabilityCounted { get; set; }
    /// <summary>A liability change made with no ledger entry to carry it, for the member's next entry; null (almost always) for none.</summary>
    [Id(41)] public LiabilityChange? LiabilityCarry { get; set; }

    /// <summary>
    /// What this member handed over when it froze to merge into another (<see cref="MergeSnapshot.TargetMemberId"/>); kept
    /// afterwards, so that every step of the merge answers the same when done again. Null for a member never merged away.
    /// </summary>
    [Id(35)] public MergeSnapshot? MergeOut { get; set; }
    /// <summary>The member this one was merged into, for good: every later call is served by that member.</summary>
    [Id(36)] public string? MergedInto { get; set; }

    /// <summary>
    /// The member's erasure (GDPR), for good: from then on every call is refused as "erased", and the state holds amounts
    /// only. Null for a member never erased.
    /// </summary>
    [Id(45)] public Privacy.MemberErasure? Erasure { get; set; }
    /// <summary>The import that enrolled this member (see Imports), so that a second line for it in the same file is a duplicate; null for a member enrolled otherwise.</summary>
    [Id(50)] public string? ImportedBy { get; set; }

    public long Balance => Lots.Sum(l => l.Points) - Debt;
}

[GenerateSerializer, Alias("loyalty.point-lot")]
public sealed class PointLot
{
    /// <summary>Last day (UTC) on which these points can be used.</summary>
    [Id(0)] public DateOnly ExpiresOn { get; set; }
    [Id(1)] public long Points { get; set; }
}

/// <summary>A remembered till transaction: its fingerprint for replays, its outcome, and for a sale what a refund needs.</summary>
[GenerateSerializer, Alias("loyalty.transaction-record")]
public sealed class TransactionRecord
{
    [Id(0)] public string TransactionId { get; set; } = "";
    /// <summary>The request's <see cref="Loyalty.Domain.Fingerprint"/>, compacted (<see cref="Loyalty.Domain.Fingerprint.Compact"/>).</summary>
    [Id(1)] public Guid Fingerprint { get; set; }
    [Id(2)] public DateTimeOffset At { get; set; }
    [Id(3)] public PurchaseOutcome? Purchase { get; set; }
    [Id(4)] public RedemptionOutcome? Redemption { get; set; }
    [Id(5)] public RefundOutcome? Refund { get; set; }
    [Id(6)] public PurchaseRecord? Sale { get; set; }
    [Id(7)] public AdjustmentOutcome? Adjustment { get; set; }
    [Id(8)] public VoidOutcome? Void { get; set; }
    /// <summary>For a redemption of points: the points it took from each lot, so that a void puts them back; null for one recalled from an entry written before lots were recorded.</summary>
    [Id(9)] public IReadOnlyList<PointsTaken>? Taken { get; set; }
    /// <summary>For a redemption: the transaction that voided it, if one did.</summary>
    [Id(10)] public string? VoidedBy { get; set; }
    /// <summary>For a merge, on the member merged into.</summary>
    [Id(11)] public MergeOutcome? Merge { get; set; }
    /// <summary>For a historical sale: the import that brought it in (a later line of the same import with its id is a duplicate).</summary>
    [Id(12)] public string? ImportId { get; set; }
}

[GenerateSerializer, Alias("loyalty.purchase-record")]
public sealed class PurchaseRecord
{
    [Id(0)] public DateTimeOffset OccurredAt { get; set; }
    [Id(1)] public IReadOnlyList<PurchaseLine> Lines { get; set; } = [];
    [Id(2)] public int[] RefundedQuantities { get; set; } = [];
    /// <summary>Points per 1.00 of qualifying spend this sale earned at (base rate times multipliers).</summary>
    [Id(3)] public decimal PointsPerUnit { get; set; }
    [Id(4)] public long PointsEarned { get; set; }
    [Id(5)] public long PointsReversed { get; set; }
    [Id(6)] public DateOnly LotExpiresOn { get; set; }
    /// <summary>The reward groups this sale's stamps added to; empty (and shared) for most sales.</summary>
    [Id(7)] public IReadOnlyList<string> RewardIds { get; set; } = [];
    /// <summary>At the index of each of <see cref="RewardIds"/>: how many of the sale's rewards a refund may still revoke from it.</summary>
    [Id(9)] public int[] RewardCounts { get; set; } = [];
    /// <summary>What each promotion gave this sale, in the order of their ids; empty (and shared) for most sales.</summary>
    [Id(8)] public IReadOnlyList<PromotionGrant> Promotions { get; set; } = [];
}
