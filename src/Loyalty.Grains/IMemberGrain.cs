using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>One member's account, keyed by member id. Every till command is idempotent on its transaction id.</summary>
[Alias("loyalty.member")]
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Enrols the member, or updates the profile; true when this call enrolled them.</summary>
    [Alias("enrol")]
    Task<bool> Enrol(MemberProfile profile);

    /// <summary>The account, or null when the member is not enrolled.</summary>
    [Alias("account")]
    Task<AccountView?> GetAccount();

    [Alias("purchase")]
    Task<Result<PurchaseOutcome>> Purchase(Purchase purchase);

    [Alias("redeem")]
    Task<Result<RedemptionOutcome>> Redeem(Redemption redemption);

    [Alias("refund")]
    Task<Result<RefundOutcome>> Refund(Refund refund);

    /// <summary>Adds or removes points by hand (customer service); idempotent on its transaction id.</summary>
    [Alias("adjust")]
    Task<Result<AdjustmentOutcome>> Adjust(Adjustment adjustment);

    /// <summary>Undoes a redemption of the transaction window, once; idempotent on its own transaction id.</summary>
    [Alias("void-redemption")]
    Task<Result<VoidOutcome>> VoidRedemption(RedemptionVoid redemptionVoid);

    /// <summary>
    /// Merges the member <see cref="MemberMerge.SourceMemberId"/> into this one, exactly once, as a saga of idempotent
    /// steps keyed by the merge's transaction id (see <see cref="MemberGrain"/>'s merges): safe to send again after a
    /// failure at any step, and answered with the original outcome once done.
    /// </summary>
    [Alias("merge")]
    Task<Result<MergeOutcome>> Merge(MemberMerge merge);

    /// <summary>Merge step 1, on the source: freezes it as merging into <paramref name="targetId"/> and hands over its snapshot (the same when asked again).</summary>
    [Alias("freeze-for-merge")]
    Task<Result<MergeHandOver>> FreezeForMerge(MemberMerge merge, string targetId);

    /// <summary>Merge step 2, on the target: takes the source's snapshot in, once.</summary>
    [Alias("take-merge-in")]
    Task<Result<MergeOutcome>> TakeMergeIn(MergeSnapshot snapshot);

    /// <summary>Merge step 3, on the source: empties it and remembers the target for good; done again, changes nothing.</summary>
    [Alias("complete-merge-out")]
    Task<Result<MergeSnapshot>> CompleteMergeOut(string transactionId);

    /// <summary>Undoes step 1 when the target refused the snapshot; true when the source was frozen by this merge and is no more.</summary>
    [Alias("cancel-merge")]
    Task<bool> CancelMerge(string transactionId);

    /// <summary>
    /// Erases the member's personal data (GDPR article 17) as a saga of idempotent steps (see <see cref="MemberGrain"/>'s
    /// erasure): the same answer however often it is asked, and an erasure stopped half-way completes. Null when the
    /// member is not enrolled. Every other call to an erased member throws <see cref="Privacy.MemberErasedException"/>.
    /// </summary>
    [Alias("erase")]
    Task<Loyalty.Domain.Privacy.ErasureOutcome?> Erase();

    /// <summary>
    /// Subscribes a node's observer to every stored change (renew within <see cref="Watching.MemberWatchers.SubscriptionLifetime"/>)
    /// and returns the account the events continue from; null, and no subscription, when the member is not enrolled.
    /// </summary>
    [Alias("watch")]
    Task<AccountView?> Watch(Watching.IMemberObserver observer);

    [Alias("unwatch")]
    Task Unwatch(Watching.IMemberObserver observer);

    /// <summary>
    /// Releases the pending points whose day has come (as every command does first) and answers the next day some are
    /// released on, or null when none are pending (or the member is not enrolled). Called by the nodes' release
    /// schedulers; idempotent.
    /// </summary>
    [Alias("release-pending")]
    Task<DateOnly?> ReleasePending();

    /// <summary>A page of the ledger, newest first, or null when the member is not enrolled.</summary>
    [Alias("activity")]
    Task<ActivityPage?> GetActivity(long? before, int limit);
}

/// <summary>
/// A page of ledger entries; <see cref="NextBefore"/> is the cursor of the next (older) page, null at the first entry.
/// <see cref="MemberId"/>: whose ledger it is (another member's when the one asked for was merged into it).
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.activity-page")]
public sealed record ActivityPage(
    [property: Id(0)] IReadOnlyList<LedgerEntry> Entries,
    [property: Id(1)] long? NextBefore,
    [property: Id(2)] string? MemberId = null);
