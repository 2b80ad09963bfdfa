using System.Text.Json.Serialization;
using Loyalty.Domain;

namespace Loyalty.Server.Hubs;

// What watchers receive. "sequence" is the member's ledger sequence: consecutive events of a member differ by one.

/// <summary>
/// The balance moved (or, with delta 0, a reward was used, expired or revoked). "reason" is the ledger kind, or "sync":
/// read the account again; with "mergedInto", the member was merged into that member, whose account and events are
/// the ones to follow from now on.
/// </summary>
public sealed record BalanceChanged(string MemberId, long Sequence, long Balance, long Delta, string Reason,
    string? TransactionId, string Tier, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MergedInto = null);

public sealed record RewardIssued(string MemberId, long Sequence, RewardView Reward, DateTimeOffset At);

public sealed record TierChanged(string MemberId, long Sequence, string From, string To, DateTimeOffset At);

/// <summary>A promotion started that is open to the member: sent to the members it targets when its window opens.</summary>
public sealed record PromotionAnnounced(string MemberId, Apis.PromotionOffer Promotion);
