namespace Loyalty.SqlBaseline;

public sealed record ProfileRequest(string? Name, string? Email, DateOnly? BirthDate);

public sealed record PurchaseLine(string? Sku, string? Category, int Quantity, decimal UnitPrice);

public sealed record PurchaseRequest(string? TransactionId, string? StoreId, DateTimeOffset? OccurredAt, IReadOnlyList<PurchaseLine>? Lines);

public sealed record PurchaseResponse(string TransactionId, bool Duplicate, long PointsEarned, long Balance, string Tier, bool TierChanged);

public sealed record AccountResponse(string MemberId, string? Name, long Points, string Tier, decimal LifetimeSpend, DateTimeOffset? LastPurchaseAt);
