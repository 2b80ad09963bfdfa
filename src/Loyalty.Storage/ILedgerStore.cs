using Loyalty.Domain;

namespace Loyalty.Storage;

/// <summary>The members' ledger: every entry of their history, kept once, readable newest first.</summary>
public interface ILedgerStore
{
    /// <summary>
    /// Stores <paramref name="entries"/> for <paramref name="memberId"/> in the given order. Idempotent: an entry already
    /// stored (same member id and sequence) is left as it is, so a batch may be appended again, whole or overlapping.
    /// </summary>
    Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> entries of <paramref name="memberId"/>, newest first, with a sequence below
    /// <paramref name="before"/> (all when null). Pass the last sequence returned as the next <paramref name="before"/>.
    /// </summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string memberId, long? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The transaction id and time of every entry of <paramref name="memberId"/> with a transaction id, made at or after
    /// <paramref name="since"/>, oldest first: read from an index alone, and only those rows, whatever else the member has.
    /// </summary>
    Task<IReadOnlyList<TransactionMark>> ReadTransactionMarksAsync(string memberId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of the transactions <paramref name="transactionIds"/> of <paramref name="memberId"/>, and those of
    /// the refunds and voids made at or after <paramref name="since"/> that name one of them as their original, oldest first.
    /// </summary>
    Task<IReadOnlyList<LedgerEntry>> ReadTransactionsAsync(string memberId, IReadOnlyCollection<string> transactionIds, DateTimeOffset since,
        CancellationToken cancellationToken = default);
}
