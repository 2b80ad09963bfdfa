using Loyalty.Domain;

namespace Loyalty.Storage.Ledger;

/// <summary>
/// Combines the ledger appends of many members into shared inserts: while one insert is under way, the appends that
/// arrive wait together for the next, so a node under load pays one storage round trip and one commit for many
/// members' entries instead of one each. Each caller's task completes when the insert carrying its entries has
/// committed, and fails with it.
/// </summary>
internal sealed class LedgerGroupCommit(Func<IReadOnlyList<LedgerAppend>, Task> insert)
{
    /// <summary>Entries per shared insert at most; more wait for the next one.</summary>
    internal const int MaxEntriesPerInsert = 1000;

    private readonly Lock _lock = new();
    private readonly Queue<LedgerAppend> _waiting = new();
    private bool _running;

    public Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries)
    {
        var append = new LedgerAppend(memberId, entries);
        bool start;
        lock (_lock)
        {
            _waiting.Enqueue(append);
            start = !_running;
            _running = true;
        }
        if (start)
            _ = Task.Run(DrainAsync);
        return append.Committed;
    }

    private async Task DrainAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                await insert(batch);
                foreach (var append in batch)
                    append.Complete(null);
            }
            catch (Exception ex)
            {
                foreach (var append in batch)
                    append.Complete(ex);
            }
        }
    }

    private List<LedgerAppend>? TakeBatch()
    {
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                _running = false;
                return null;
            }
            var batch = new List<LedgerAppend>();
            var entries = 0;
            while (_waiting.TryPeek(out var next) && (batch.Count == 0 || entries + next.Entries.Count <= MaxEntriesPerInsert))
            {
                batch.Add(_waiting.Dequeue());
                entries += next.Entries.Count;
            }
            return batch;
        }
    }
}

/// <summary>One member's entries waiting in a shared ledger insert.</summary>
internal sealed class LedgerAppend(string memberId, IReadOnlyList<LedgerEntry> entries)
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string MemberId { get; } = memberId;
    public IReadOnlyList<LedgerEntry> Entries { get; } = entries;
    public Task Committed => _committed.Task;

    public void Complete(Exception? failure)
    {
        if (failure is null)
            _committed.TrySetResult();
        else
            _committed.TrySetException(failure);
    }
}
