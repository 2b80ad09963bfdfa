namespace Loyalty.Server.Apis;

// Request bodies of the corrections at the counter, as they arrive (see Requests.cs).

public sealed record AdjustmentRequest(string? TransactionId, long? Points, string? Reason, string? Note);

public sealed record RedemptionVoidRequest(string? TransactionId, string? OriginalTransactionId);

public sealed record MergeRequest(string? TransactionId, string? SourceMemberId);
