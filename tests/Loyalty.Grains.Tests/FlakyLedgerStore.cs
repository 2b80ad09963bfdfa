using Loyalty.Domain;
using Loyalty.Storage;

namespace Loyalty.Grains.Tests;

/// <summary>The real ledger store, which a test can make fail before or after it writes, or hold its inserts.</summary>
public sealed class FlakyLedgerStore(ILedgerStore inner, FlakyLedgerStore.Switch faults) : ILedgerStore
{
    public sealed class Switch
    {
        public volatile bool FailBeforeWrite;
        public volatile bool FailAfterWrite;
        private volatile Gate? _held;

        /// <summary>Holds every insert from now on until the gate it returns is opened: a ledger that does not answer.</summary>
        public Gate Hold() => _held = new Gate();

        internal Gate? Held => _held;

        public void Reset()
        {
            FailBeforeWrite = FailAfterWrite = false;
            Interlocked.Exchange(ref _held, null)?.Open();
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
        inner.ReadAsync(memberId, before, limit, cancellationToken);
}
