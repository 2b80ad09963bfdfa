using Loyalty.Domain;
using Loyalty.Storage;

namespace Loyalty.Grains.Tests;

/// <summary>
/// The real ledger store, which a test can make fail before or after it writes, or hold its inserts, and which counts
/// the rows read from it.
/// </summary>
public sealed class FlakyLedgerStore(ILedgerStore inner, FlakyLedgerStore.Switch faults) : ILedgerStore
{
    public sealed class Switch
    {
        public volatile bool FailBeforeWrite;
        public volatile bool FailAfterWrite;
        /// <summary>Rows read from the ledger (every read, through the store): a test sets it to 0 before what it measures.</summary>
        public long RowsRead;
        private volatile Gate? _held;

        /// <summary>Holds every insert from now on until the gate it returns is opened: a ledger that does not answer.</summary>
        public Gate Hold() => _held = new Gate();

        internal Gate? Held => _held;

        private volatile Gate? _heldSearches;

        /// <summary>Holds every search by transaction id from now on until the gate it returns is opened: a slow read of an old sale.</summary>
        public Gate HoldSearches() => _heldSearches = new Gate();

        internal Gate? HeldSearches => _heldSearches;

        public void Reset()
        {
            FailBeforeWrite = FailAfterWrite = false;
            Interlocked.Exchange(ref _held, null)?.Open();
            Interlocked.Exchange(ref _heldSearches, null)?.Open();
        }
    }

    public async Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        if (faults.Held is { } gate)
            await gate.PassAsync().WaitAsync(cancellationToken);
        if (faults.FailBeforeWrite)
            throw new IOException("ledger unavailable (test)");
        await inner.AppendAsync(memberId, entries, cancellationToken);
        if (faults.FailAfterWrite)
            throw new IOException("connection lost after the ledger write (test)");
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string memberId, long? before, int limit, CancellationToken cancellationToken = default) =>
        Counted(inner.ReadAsync(memberId, before, limit, cancellationToken));

    public Task<IReadOnlyList<TransactionMark>> ReadTransactionMarksAsync(string memberId, DateTimeOffset since,
        CancellationToken cancellationToken = default) =>
        Counted(inner.ReadTransactionMarksAsync(memberId, since, cancellationToken));

    public async Task<IReadOnlyList<LedgerEntry>> ReadTransactionsAsync(string memberId, IReadOnlyCollection<string> transactionIds,
        DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if (faults.HeldSearches is { } gate)
            await gate.PassAsync().WaitAsync(cancellationToken);
        return await Counted(inner.ReadTransactionsAsync(memberId, transactionIds, since, cancellationToken));
    }

    private async Task<IReadOnlyList<T>> Counted<T>(Task<IReadOnlyList<T>> read)
    {
        var rows = await read;
        Interlocked.Add(ref faults.RowsRead, rows.Count);
        return rows;
    }
}
