namespace Loyalty.Server.Apis;

// Request bodies as they arrive: every field nullable so that a missing field is a validation error, not a default.

public sealed record ProfileRequest(string? Name, string? Email, DateOnly? BirthDate, string? Phone = null);

public sealed record PurchaseLineRequest(string? Sku, string? Category, int? Quantity, decimal? UnitPrice);

public sealed record PurchaseRequest(string? TransactionId, string? StoreId, DateTimeOffset? OccurredAt, List<PurchaseLineRequest?>? Lines);

public sealed record RedemptionRequest(string? TransactionId, string? StoreId, long? Points, string? RewardId);

public sealed record RefundLineRequest(string? Sku, int? Quantity);

public sealed record RefundRequest(string? TransactionId, string? StoreId, string? OriginalTransactionId, List<RefundLineRequest?>? Lines);
