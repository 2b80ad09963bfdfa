using System.Diagnostics;
using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains;

public sealed partial class MemberGrain
{
    private long _announcedSequence;
    private bool _stale;
    private Task<bool>? _reloading;
    private long _copiedWhenWritten;
    /// <summary>Whether this activation has served a call (every call makes sure the state is fresh first).</summary>
    private bool _served;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = _state.State;
        await RecallTransactionsAsync(cancellationToken);
        MarkStored(S, S.LastSequence);
        if (S.Outbox.Count > 0)
            _outbox.Schedule(MemberId);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stale)
            return;
        try
        {
            await _writes.StoredAsync();
            await _outbox.FlushAsync(MemberId);
            // Store the emptied outbox, so that the next activation does not send the same entries again.
            if (S.Outbox.Count == 0 && _outbox.Copied != _copiedWhenWritten)
                await _writes.StoreAsync();
        }
        catch (Exception ex)
        {
            LogDeactivationFlushFailed(_logger, ex, MemberId);
        }
    }

    /// <summary>
    /// One write of the state, carrying every change made until it is taken. What it surely carries (up to the last
    /// sequence number at its start) is then marked stored: copied to the ledger and announced to the watchers.
    /// If it fails, the in-memory state is ahead of storage: it is read back before the next command, so a failed
    /// command leaves no trace and is safe to retry with the same transaction id.
    /// Storage serializes what it is given after its own awaits, while the grain goes on applying commands, so it is
    /// given a copy taken in this turn: a write carries whole commands, never a command half applied.
    /// </summary>
    private async Task WriteAsync()
    {
        var (state, upTo) = (S, S.LastSequence);
        _copiedWhenWritten = _outbox.Copied;
        long startedAt = 0;
        try
        {
            _state.State = _copier.Copy(_live);
            startedAt = Stopwatch.GetTimestamp();
            await _state.WriteStateAsync();
            _metrics.StorageUsed(StorageOperation.StateWrite, startedAt, succeeded: true);
        }
        catch (Exception ex)
        {
            if (startedAt != 0)
                _metrics.StorageUsed(StorageOperation.StateWrite, startedAt, succeeded: false);
            LogWriteFailed(_logger, ex, MemberId);
            _stale = true;
            throw;
        }
        finally
        {
            _state.State = _live; // the copy is not kept: an idle member holds its state once
        }
        MarkStored(state, upTo);
        _outbox.Schedule(MemberId);
    }

    private void MarkStored(MemberState state, long sequence)
    {
        _outbox.MarkDurable(state, sequence);
        Announce(sequence);
    }

    /// <summary>
    /// Rebuilds the member's transactions from the ledger: the one read a member's activation makes beyond its state, so
    /// that no write ever carries the member's transaction history. One search of the ledger's transaction index, for the
    /// transaction window only: every id of it and its time, from the index alone, kept compactly. No entry is read: a
    /// command naming one of those ids (a replay, a refund) reads that transaction back first (<see cref="RecallForgottenAsync"/>),
    /// so a member's first call after loading costs the same however many transactions the window holds. Entries not yet
    /// copied to the ledger (the outbox) are recalled in full. Entries without a transaction id (club joins and leaves,
    /// expiries) are not read.
    /// </summary>
    private async Task RecallTransactionsAsync(CancellationToken cancellationToken)
    {
        if (!S.Enrolled)
            return;
        var now = _time.GetUtcNow();
        var since = now.AddDays(-_programme.Options.TransactionWindowDays);
        var marks = await _ledger.ReadTransactionMarksAsync(MemberId, since, cancellationToken);
        _programme.Recall(S, S.Outbox, marks, now);
    }

    /// <summary>
    /// Reads back from the ledger the records of the transactions a command names that the member let go of (a replay
    /// or a refund of an older transaction of the window): one search by transaction id, made only for those, so that a
    /// retry answers with the original outcome and never applies twice. Completes at once when there are none.
    /// </summary>
    private async Task RecallForgottenAsync(string?[] transactionIds)
    {
        var now = _time.GetUtcNow();
        var ids = _programme.TransactionsToRecall(S, now, transactionIds);
        if (ids.Count == 0)
            return;
        var since = now.AddDays(-_programme.Options.TransactionWindowDays);
        var entries = await _ledger.ReadTransactionsAsync(MemberId, ids, since);
        _programme.RecallTransactions(S, ids, entries.Concat(S.Outbox));
    }

    /// <summary>
    /// Reads back from the ledger the sale a refund names when it is older than the transaction window (see
    /// <see cref="Programme.OlderSaleToRecall"/>), into <paramref name="older"/>: one search by the member's transaction
    /// id, with the refunds of the refund window that named it, and the entries not yet copied to the ledger. Reads
    /// again when the state has changed since the last read (a command applied meanwhile may have refunded it too).
    /// Answers whether it read, that is waited; completes at once when there is nothing (new) to read.
    /// </summary>
    private async Task<bool> RecallOlderSaleAsync(Refund refund, OlderSale older, DateTimeOffset now)
    {
        if (_programme.OlderSaleToRecall(S, refund, now) is not { } id)
        {
            (older.Record, older.Sequence) = (null, -1);
            return false;
        }
        if (older.Sequence == S.LastSequence)
            return false;
        var sequence = S.LastSequence;
        var pending = S.Outbox.ToArray(); // taken before the read: an entry copied to the ledger meanwhile is in one or the other
        var entries = await _ledger.ReadTransactionsAsync(MemberId, [id], _programme.RefundWindowStart(now));
        (older.Record, older.Sequence) = (_programme.RecallOlderSale(id, entries.Concat(pending)), sequence);
        return true;
    }

    /// <summary>The record of a sale older than the transaction window, as read for a refund at a sequence of the state.</summary>
    private sealed class OlderSale
    {
        public TransactionRecord? Record { get; set; }
        public long Sequence { get; set; } = -1;
    }

    /// <summary>
    /// Applies a change to the in-memory state. The programme rules change the state in place, so rules that throw may
    /// leave it half changed: it is then dropped and read back from storage before the next command. The changes
    /// waiting for the next write were made on it too: they fail as if that write had failed. The write under way
    /// carries a copy taken before, and goes on. An arithmetic overflow (the command's own amounts) and an invalid
    /// argument (the command itself) would fail again; anything else may be retried. The change's effect on the member's
    /// points liability goes with its last ledger entry (<see cref="LiabilityTracking"/>).
    /// </summary>
    private T Change<T>(Func<T> change)
    {
        try
        {
            return LiabilityTracking.Track(S, change);
        }
        catch (Exception ex)
        {
            LogChangeFailed(_logger, ex, MemberId);
            _stale = true;
            _writes.Abandon(new CommandFailedException("Another command of the member failed while it was applied, and this one with it."));
            throw ex switch
            {
                ArithmeticException => new AmountOutOfRangeException("The command's amounts take the account beyond what it can count."),
                ArgumentException => new InvalidCommandException(ex.Message),
                _ => new CommandFailedException($"The command failed while it was applied ({ex.GetType().Name})."),
            };
        }
    }

    /// <summary>Makes sure the state is fresh (<see cref="FreshAsync"/>), and refuses the call when the member was erased.</summary>
    private async Task EnsureFreshAsync()
    {
        await FreshAsync();
        await RefuseIfErasedAsync();
    }

    /// <summary>Reads the state back first when a failed write or change left it stale.</summary>
    private async Task FreshAsync()
    {
        _served = true;
        if (!_stale)
            return;
        _reloading ??= ReloadAsync();
        var reloaded = await _reloading;
        if (!reloaded)
            throw new StorageUnavailableException("The member's state could not be read back from storage.");
    }

    /// <summary>
    /// Reads the stored state back, with its recent transactions, after a failed write or a failed change; once a
    /// write still under way (with changes made before the failed one) has ended.
    /// </summary>
    private async Task<bool> ReloadAsync()
    {
        try
        {
            await _writes.SettledAsync();
            await _state.ReadStateAsync();
            _live = _state.State;
            _outbox.MarkDurable(S, S.LastSequence); // from now on, nothing of the state dropped is copied to the ledger
            await RecallTransactionsAsync(CancellationToken.None);
            _stale = false;
            _announcedSequence = S.LastSequence;
            return true;
        }
        catch (Exception ex)
        {
            LogReloadFailed(_logger, ex, MemberId);
            DeactivateOnIdle();
            return false;
        }
        finally
        {
            _reloading = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing member {MemberId} failed; reloading its state")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A command of member {MemberId} failed while it was applied; reloading its state")]
    private static partial void LogChangeFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading member {MemberId} failed; the activation will be replaced")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flushing the ledger outbox of member {MemberId} on deactivation failed")]
    private static partial void LogDeactivationFlushFailed(ILogger logger, Exception exception, string memberId);
}
