namespace Loyalty.FaultTests.Endpoints;

/// <summary>What a request is aimed at: the member, its transaction id, and the sale a refund returns lines of.</summary>
/// <param name="MemberId">A member enrolled for the run.</param>
/// <param name="TransactionId">Unique to this request.</param>
/// <param name="SaleTransactionId">A sale of the member made for the run, whose lines can be refunded.</param>
/// <param name="SaleSku">The SKU of that sale's line.</param>
/// <param name="OccurredAt">A recent time for a sale, ISO 8601 (inside the transaction window).</param>
internal sealed record RequestTarget(string MemberId, string TransactionId, string SaleTransactionId, string SaleSku, string OccurredAt);
