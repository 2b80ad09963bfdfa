using System.Text.Json.Serialization;

namespace Loyalty.Domain;

/// <summary>
/// Undoes the redemption <see cref="OriginalTransactionId"/> of the same member. <see cref="TillId"/>: as on a till's
/// command; <see cref="By"/>: who voided it (the till's id or the API key's name), for the ledger entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.redemption-void")]
public sealed record RedemptionVoid(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string OriginalTransactionId,
    [property: Id(2)] string? TillId = null,
    [property: Id(3)] string? By = null);

/// <summary>
/// The answer to a void: the points put back (those of lots that expired meanwhile are not), or the reward given back,
/// and the balance after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.void-outcome")]
public sealed record VoidOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] string OriginalTransactionId,
    [property: Id(3)] long PointsRestored,
    [property: Id(4)] RewardView? RewardRestored,
    [property: Id(5)] long Balance,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);

/// <summary>Points a redemption took from the lot that expires on <see cref="ExpiresOn"/>.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.points-taken")]
public sealed record PointsTaken(
    [property: Id(0)] DateOnly ExpiresOn,
    [property: Id(1)] long Points);
