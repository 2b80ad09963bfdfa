using System.Diagnostics;
using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Loyalty.Storage;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains;

/// <summary>
/// Copies the ledger entries of a member's stored state to the ledger table. Only entries already stored with the
/// state are copied (a failed state write must not leave ledger rows behind), and the ledger keeps an entry once
/// however often it is sent. Runs in the grain's own turns: no locking is needed.
/// </summary>
internal sealed partial class LedgerOutbox(ILedgerStore ledger, LoyaltyMetrics metrics, ILogger logger)
{
    private long _durableSequence;

    /// <summary>The background flush under way, if any: forgotten once done, so an idle member keeps no finished task.</summary>
    private Task? _running;

    /// <summary>How many entries have been copied to the ledger and dropped from the outbox so far.</summary>
    public long Copied { get; private set; }

    /// <summary>Records that every entry up to <paramref name="sequence"/> is stored with the state.</summary>
    public void MarkDurable(long sequence) => _durableSequence = sequence;

    /// <summary>Starts a background flush unless one is already running.</summary>
    public void Schedule(string memberId, MemberState s)
    {
        if (_running is not null || !HasDurableEntries(s))
            return;
        var running = RunAsync(memberId, s);
        _running = running.IsCompleted ? null : running;
    }

    /// <summary>Waits until every stored entry is in the ledger table.</summary>
    public async Task FlushAsync(string memberId, MemberState s)
    {
        if (_running is { } running)
            await running;
        while (HasDurableEntries(s))
            await CopyAsync(memberId, s);
    }

    private bool HasDurableEntries(MemberState s) => s.Outbox.Count > 0 && s.Outbox[0].Sequence <= _durableSequence;

    private async Task RunAsync(string memberId, MemberState s)
    {
        try
        {
            while (HasDurableEntries(s))
                await CopyAsync(memberId, s);
        }
        catch (Exception ex)
        {
            // The entries stay in the stored outbox; the next write or activation tries again.
            LogFlushFailed(logger, ex, memberId);
        }
        finally
        {
            _running = null;
        }
    }

    private async Task CopyAsync(string memberId, MemberState s)
    {
        var upTo = _durableSequence;
        var batch = s.Outbox.TakeWhile(e => e.Sequence <= upTo).Take(500).ToArray();
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await ledger.AppendAsync(memberId, batch);
        }
        catch
        {
            metrics.StorageUsed(StorageOperation.LedgerInsert, startedAt, succeeded: false);
            throw;
        }
        metrics.StorageUsed(StorageOperation.LedgerInsert, startedAt, succeeded: true);
        var last = batch[^1].Sequence;
        Copied += s.Outbox.RemoveAll(e => e.Sequence <= last);
        if (s.Outbox.Count == 0)
            s.Outbox.Capacity = 0; // an idle member keeps no empty buffer: most wait long for their next command
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying ledger entries of member {MemberId} failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string memberId);
}
