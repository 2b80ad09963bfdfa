namespace Loyalty.Domain;

/// <summary>
/// A member's profile as a till or marketing tool enrols it. <see cref="Email"/> and <see cref="Phone"/> are in their
/// normal form (see <c>Identity.Identifiers</c>) when the engine's API wrote them.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.profile")]
public sealed record MemberProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email,
    [property: Id(2)] DateOnly? BirthDate,
    [property: Id(3)] string? Phone = null);

[GenerateSerializer, Immutable, Alias("loyalty.purchase-line")]
public sealed record PurchaseLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string? Category,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice);

/// <summary>
/// A sale rung up at a till. <see cref="OccurredAt"/> is null when the till did not say. <see cref="TillId"/> (on each
/// till command) is the enrolled till that sent it, recorded in its ledger entries; not part of the command's fingerprint.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.purchase")]
public sealed record Purchase(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string? StoreId,
    [property: Id(2)] DateTimeOffset? OccurredAt,
    [property: Id(3)] IReadOnlyList<PurchaseLine> Lines,
    [property: Id(4)] string? TillId = null);

/// <summary>Spend points, or one issued reward: exactly one of the two.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.redemption")]
public sealed record Redemption(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string? StoreId,
    [property: Id(2)] long? Points,
    [property: Id(3)] string? RewardId,
    [property: Id(4)] string? TillId = null);

[GenerateSerializer, Immutable, Alias("loyalty.refund-line")]
public sealed record RefundLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity);

[GenerateSerializer, Immutable, Alias("loyalty.refund")]
public sealed record Refund(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string? StoreId,
    [property: Id(2)] string OriginalTransactionId,
    [property: Id(3)] IReadOnlyList<RefundLine> Lines,
    [property: Id(4)] string? TillId = null);
