namespace Loyalty.FaultTests.Endpoints;

/// <summary>What a request is aimed at: the member, its transaction id, the sale a refund returns lines of, the club and the promotion.</summary>
/// <param name="MemberId">A member enrolled for the run.</param>
/// <param name="TransactionId">Unique to this request.</param>
/// <param name="SaleTransactionId">A sale of the member made for the run, whose lines can be refunded.</param>
/// <param name="SaleSku">The SKU of that sale's line.</param>
/// <param name="OccurredAt">A recent time for a sale, ISO 8601 (inside the transaction window).</param>
/// <param name="ClubId">A club created for the run (the club of club calls, and the audience of a promotion).</param>
/// <param name="PromotionId">A promotion created for the run, or empty where no call needs one.</param>
/// <param name="CardNumber">A card number of the member issued for the run, or empty where no call needs one.</param>
/// <param name="TillId">A till enrolled for the run (to be revoked), or empty where no call needs one.</param>
/// <param name="ImportId">An import id no import has (the fault tests import nothing).</param>
internal sealed record RequestTarget(string MemberId, string TransactionId, string SaleTransactionId, string SaleSku, string OccurredAt,
    string ClubId = "", string PromotionId = "", string CardNumber = "", string TillId = "", string ImportId = "00000000000000000000000000000000");
