using System.Globalization;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// The original sale a refund names whose record must be read back from the ledger because it is older than the
    /// transaction window (the state no longer knows it), or null: the refund is a replay, its sale is remembered or is
    /// an id of the window (read back by <see cref="TransactionsToRecall"/>). Read it with the refunds that already
    /// named it (made inside the refund window, so from <see cref="RefundWindowStart"/> on), and give the record to
    /// <see cref="ApplyRefund"/>.
    /// </summary>
    public string? OlderSaleToRecall(MemberState s, Refund cmd, DateTimeOffset now)
    {
        if (!s.Enrolled || s.Transactions.ContainsKey(cmd.TransactionId) || s.Transactions.ContainsKey(cmd.OriginalTransactionId)
            || s.TransactionIds.MayContain(cmd.OriginalTransactionId, WindowStart(now)))
            return null;
        return cmd.OriginalTransactionId;
    }

    /// <summary>
    /// The record of sale <paramref name="transactionId"/> rebuilt from <paramref name="entries"/> (its own and those of
    /// the refunds that named it, so what they returned cannot be returned again), or null when they hold no such sale.
    /// </summary>
    public TransactionRecord? RecallOlderSale(string transactionId, IEnumerable<LedgerEntry> entries)
    {
        var records = new Dictionary<string, TransactionRecord>(StringComparer.Ordinal);
        RecallInto(records, entries);
        return records.GetValueOrDefault(transactionId) is { Sale: not null } record ? record : null;
    }

    /// <summary>The earliest time a sale may have occurred at to be refunded at <paramref name="now"/>.</summary>
    public DateTimeOffset RefundWindowStart(DateTimeOffset now) => now.AddDays(-_options.RefundWindowDays);

    private Rejection? RefundWindowClosed(TransactionRecord original, DateTimeOffset now) =>
        original.Sale!.OccurredAt < RefundWindowStart(now)
            ? new Rejection(RejectionCode.RefundWindowClosed, string.Create(CultureInfo.InvariantCulture,
                $"Refunds are accepted for {_options.RefundWindowDays} days after the sale; purchase '{original.TransactionId}' occurred on {original.Sale.OccurredAt:yyyy-MM-dd}."))
            : null;
}
