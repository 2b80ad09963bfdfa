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
/// <remarks>
/// The outbox copies from the state it was last told is stored (<see cref="MarkDurable"/>). When the grain reads its
/// state back after a failed write, the state it held before is dropped with the entries of the failed command, whose
/// sequence numbers the next commands take again: a copy still under way for the dropped state stops after its
/// batch (entries stored before, which the ledger keeps once) and never sends what that state held beyond.
/// </remarks>
internal sealed partial class LedgerOutbox(ILedgerStore ledger, LoyaltyMetrics metrics, ILogger logger)
{
    private MemberState? _state;
    private long _durableSequence;

    /// <summary>The background flush under way, if any: forgotten once done, so an idle member keeps no finished task.</summary>
    private Task? _running;

    /// <summary>How many entries have been copied to the ledger and dropped from the outbox so far.</summary>
    public long Copied { get; private set; }

    /// <summary>Records that every entry of <paramref name="s"/> up to <paramref name="sequence"/> is stored with it.</summary>
    public void MarkDurable(MemberState s, long sequence) => (_state, _durableSequence) = (s, sequence);

    /// <summary>Starts a background flush unless one is already running.</summary>
    public void Schedule(string memberId)
    {
        if (_running is not null || !HasDurableEntries())
            return;
        var running = RunAsync(memberId);
        _running = running.IsCompleted ? null : running;
    }

    /// <summary>Waits until every stored entry is in the ledger table.</summary>
    public async Task FlushAsync(string memberId)
    {
        if (_running is { } running)
            await running;
        while (HasDurableEntries())
            await CopyAsync(memberId);
    }

    private bool HasDurableEntries() => _state is { Outbox: [var first, ..] } && first.Sequence <= _durableSequence;

    private async Task RunAsync(string memberId)
    {
        try
        {
            while (HasDurableEntries())
                await CopyAsync(memberId);
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

    private async Task CopyAsync(string memberId)
    {
        var (s, upTo) = (_state!, _durableSequence);
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
        if (!ReferenceEquals(s, _state))
            return; // the state was read back meanwhile: its outbox holds these entries again and sends them once more
        var last = batch[^1].Sequence;
        Copied += s.Outbox.RemoveAll(e => e.Sequence <= last);
        if (s.Outbox.Count == 0)
            s.Outbox.Capacity = 0; // an idle member keeps no empty buffer: most wait long for their next command
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying ledger entries of member {MemberId} failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string memberId);
}
