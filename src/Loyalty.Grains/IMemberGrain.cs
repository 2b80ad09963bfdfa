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

/// <summary>A page of ledger entries; <see cref="NextBefore"/> is the cursor of the next (older) page, null at the first entry.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.activity-page")]
public sealed record ActivityPage(
    [property: Id(0)] IReadOnlyList<LedgerEntry> Entries,
    [property: Id(1)] long? NextBefore);
