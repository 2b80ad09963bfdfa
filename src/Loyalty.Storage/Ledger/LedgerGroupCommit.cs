using Loyalty.Domain;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Ledger;

/// <summary>
/// Combines the ledger appends of many members into shared inserts: while one insert is under way, the appends that
/// arrive wait together for the next, so a node under load pays one storage round trip and one commit for many
/// members' entries instead of one each. Each caller's task completes when the insert carrying its entries has
/// committed, and fails with it.
/// </summary>
internal sealed class LedgerGroupCommit
{
    /// <summary>Entries per shared insert at most; more wait for the next one.</summary>
    internal const int MaxEntriesPerInsert = 1000;

    private readonly SharedBatches<LedgerAppend> _batches;

    public LedgerGroupCommit(Func<IReadOnlyList<LedgerAppend>, Task> insert) =>
        _batches = new SharedBatches<LedgerAppend>(TakeBatch, async batch =>
        {
            await insert(batch);
            foreach (var append in batch)
                append.Complete(null);
        }, (append, failure) => append.Complete(failure));

    public Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries)
    {
        var append = new LedgerAppend(memberId, entries);
        _batches.Add(append);
        return append.Committed;
    }

    /// <summary>The appends that arrived first, up to <see cref="MaxEntriesPerInsert"/> entries (always one at least).</summary>
    private static List<LedgerAppend> TakeBatch(List<LedgerAppend> waiting)
    {
        var (count, entries) = (0, 0);
        while (count < waiting.Count && (count == 0 || entries + waiting[count].Entries.Count <= MaxEntriesPerInsert))
            entries += waiting[count++].Entries.Count;
        var batch = waiting.GetRange(0, count);
        waiting.RemoveRange(0, count);
        return batch;
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
