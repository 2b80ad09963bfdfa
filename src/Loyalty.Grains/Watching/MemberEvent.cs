using Loyalty.Domain;

namespace Loyalty.Grains.Watching;

/// <summary>
/// One stored change of a member, as watchers receive it. <see cref="Sequence"/> is the member's ledger sequence
/// number: consecutive events differ by one, so a gap tells a client to read the account again.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.member-event")]
public sealed record MemberEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? TransactionId,
    [property: Id(4)] long Delta,
    [property: Id(5)] long Balance,
    [property: Id(6)] string Tier,
    [property: Id(7)] RewardView? Reward,
    [property: Id(8)] string? TierFrom,
    [property: Id(9)] string? MergedInto = null)
{
    /// <summary>
    /// The kind of an event that says "events were missed: read the account again", with the current balance; with
    /// <see cref="MergedInto"/> when the member was merged into another: read (and watch) that member from now on.
    /// </summary>
    public const string SyncKind = "sync";
}

/// <summary>
/// The events of one stored change (one command) of one member, in sequence order. <see cref="StoredAt"/> is when the
/// grain's write completed, by its node's clock (for the push latency; absent from older nodes).
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.member-events")]
public sealed record MemberEvents(
    [property: Id(0)] string MemberId,
    [property: Id(1)] IReadOnlyList<MemberEvent> Events,
    [property: Id(2)] DateTimeOffset? StoredAt = null);
