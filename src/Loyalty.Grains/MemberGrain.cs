using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Loyalty.Grains;

/// <summary>
/// The member's account. Each command applies the pure programme rules to the in-memory state and stores it with
/// one write before answering; the ledger entries the command produced travel in the stored state (an outbox) and are
/// copied to the ledger table afterwards, idempotently by sequence number, so the ledger holds each event exactly once
/// even when the process dies between the two.
/// </summary>
public sealed partial class MemberGrain(
    [PersistentState("member", LoyaltyStorageNames.GrainStorage)] IPersistentState<MemberState> state,
    Programme programme,
    ILedgerStore ledger,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    private readonly LedgerOutbox _outbox = new(ledger, logger);
    private readonly ObserverManager<IMemberObserver> _watchers = new(MemberWatchers.SubscriptionLifetime, logger);
    private long _announcedSequence;
    private bool _stale;

    private MemberState S => state.State;
    private string MemberId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RecallTransactionsAsync(cancellationToken);
        _outbox.MarkDurable(S);
        _announcedSequence = S.LastSequence;
        if (S.Outbox.Count > 0)
            _outbox.Schedule(MemberId, S);
    }

    /// <summary>
    /// Rebuilds the recent transactions (for replays and refunds) from the ledger: the one read a member's activation
    /// makes beyond its state, so that no write ever carries the member's transaction history.
    /// </summary>
    private async Task RecallTransactionsAsync(CancellationToken cancellationToken)
    {
        if (!S.Enrolled)
            return;
        var now = time.GetUtcNow();
        var since = now.AddDays(-programme.Options.TransactionWindowDays);
        var entries = new List<LedgerEntry>(S.Outbox);
        var transactions = 0;
        long? before = S.Outbox.Count > 0 ? S.Outbox[0].Sequence : null;
        while (transactions < programme.Options.MaxRememberedTransactions)
        {
            var page = await ledger.ReadAsync(MemberId, before, RecallPageSize, cancellationToken);
            entries.AddRange(page);
            transactions += page.Count(e => e.Kind is LedgerKinds.Purchase or LedgerKinds.Redemption or LedgerKinds.RewardRedeemed or LedgerKinds.Refund);
            if (page.Count < RecallPageSize || page[^1].At < since)
                break;
            before = page[^1].Sequence;
        }
        programme.Recall(S, entries, now);
    }

    private const int RecallPageSize = 500;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stale || S.Outbox.Count == 0)
            return;
        try
        {
            await _outbox.FlushAsync(MemberId, S);
            if (S.Outbox.Count == 0)
                await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogDeactivationFlushFailed(logger, ex, MemberId);
        }
    }

    public async Task<bool> Enrol(MemberProfile profile)
    {
        await EnsureFreshAsync();
        var now = time.GetUtcNow();
        programme.Advance(S, now);
        var created = programme.Enrol(S, profile, now);
        await SaveAsync();
        return created;
    }

    public async Task<AccountView?> GetAccount()
    {
        await EnsureFreshAsync();
        if (!S.Enrolled)
            return null;
        var now = time.GetUtcNow();
        if (programme.Advance(S, now))
            await SaveAsync();
        return programme.View(S, MemberId, now);
    }

    public Task<Result<PurchaseOutcome>> Purchase(Purchase purchase) =>
        ApplyAsync(purchase, (s, cmd, now) => programme.ApplyPurchase(s, cmd, now), o => o.Duplicate);

    public Task<Result<RedemptionOutcome>> Redeem(Redemption redemption) =>
        ApplyAsync(redemption, (s, cmd, now) => programme.ApplyRedemption(s, cmd, now), o => o.Duplicate);

    public Task<Result<RefundOutcome>> Refund(Refund refund) =>
        ApplyAsync(refund, (s, cmd, now) => programme.ApplyRefund(s, cmd, now), o => o.Duplicate);

    public async Task<AccountView?> Watch(IMemberObserver observer)
    {
        var account = await GetAccount();
        if (account is not null)
            _watchers.Subscribe(observer, observer);
        return account;
    }

    public Task Unwatch(IMemberObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<ActivityPage?> GetActivity(long? before, int limit)
    {
        await EnsureFreshAsync();
        if (!S.Enrolled)
            return null;
        await _outbox.FlushAsync(MemberId, S);
        var entries = await ledger.ReadAsync(MemberId, before, limit);
        var next = entries.Count == limit && entries[^1].Sequence > 1 ? entries[^1].Sequence : (long?)null;
        return new ActivityPage(entries, next);
    }

    private async Task<Result<TOutcome>> ApplyAsync<TCommand, TOutcome>(
        TCommand command,
        Func<MemberState, TCommand, DateTimeOffset, Result<TOutcome>> apply,
        Func<TOutcome, bool> isDuplicate)
    {
        await EnsureFreshAsync();
        var now = time.GetUtcNow();
        var advanced = programme.Advance(S, now);
        var result = apply(S, command, now);
        if (advanced || (result.IsSuccess && !isDuplicate(result.Value!)))
            await SaveAsync();
        return result;
    }

    /// <summary>
    /// Stores the state. If the write fails, the in-memory state is ahead of storage: it is read back before anything
    /// else happens, so a failed command leaves no trace and is safe to retry.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, MemberId);
            _stale = true;
            await TryReloadAsync();
            throw;
        }
        _outbox.MarkDurable(S);
        Announce();
        _outbox.Schedule(MemberId, S);
    }

    /// <summary>Tells the watching nodes what was just stored: one one-way message per node.</summary>
    private void Announce()
    {
        if (_watchers.Count == 0)
        {
            _announcedSequence = S.LastSequence;
            return;
        }
        var events = S.Outbox.Where(e => e.Sequence > _announcedSequence).Select(e => MemberEventFactory.From(e, S.Tier)).ToArray();
        _announcedSequence = S.LastSequence;
        if (events.Length == 0)
            return;
        var changes = new MemberEvents(MemberId, events);
        _watchers.Notify(o => o.OnChanged(changes));
    }

    private async Task EnsureFreshAsync()
    {
        if (_stale && !await TryReloadAsync())
            throw new StorageUnavailableException("The member's state could not be read back from storage.");
    }

    private async Task<bool> TryReloadAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _stale = false;
            _outbox.MarkDurable(S);
            _announcedSequence = S.LastSequence;
            return true;
        }
        catch (Exception ex)
        {
            LogReloadFailed(logger, ex, MemberId);
            DeactivateOnIdle();
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing member {MemberId} failed; reloading its state")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading member {MemberId} failed; the activation will be replaced")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flushing the ledger outbox of member {MemberId} on deactivation failed")]
    private static partial void LogDeactivationFlushFailed(ILogger logger, Exception exception, string memberId);
}
