using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Loyalty.Grains.Watching;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Utilities;

namespace Loyalty.Grains;

/// <summary>
/// The member's account. Each command applies the pure programme rules to the in-memory state and answers once the
/// change is stored. Commands run one at a time between awaits (the grain is reentrant only while it waits for
/// storage), so concurrent commands of one member share a write (<see cref="WriteBatcher"/>). The ledger entries a
/// command produces travel in the stored state (an outbox) and are copied to the ledger table afterwards,
/// idempotently by sequence number, so the ledger holds each event exactly once even when the process dies between.
/// </summary>
[Reentrant]
public sealed partial class MemberGrain : Grain, IMemberGrain
{
    private readonly IPersistentState<MemberState> _state;
    private readonly Programme _programme;
    private readonly ILedgerStore _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger<MemberGrain> _logger;
    private readonly LoyaltyMetrics _metrics;
    private readonly LedgerOutbox _outbox;
    /// <summary>The nodes watching this member; created by the first <see cref="Watch"/>, as most members are never watched.</summary>
    private ObserverManager<IMemberObserver>? _watchers;
    private readonly WriteBatcher _writes;
    private readonly DeepCopier<MemberState> _copier;
    private MemberState _live;

    public MemberGrain(
        [PersistentState("member", LoyaltyStorageNames.GrainStorage)] IPersistentState<MemberState> state,
        Programme programme,
        ILedgerStore ledger,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
        DeepCopier<MemberState> copier,
        LoyaltyMetrics metrics,
        ILogger<MemberGrain> logger)
    {
        (_state, _programme, _ledger, _time, _copier, _metrics, _logger) = (state, programme, ledger, time, copier, metrics, logger);
        _live = state.State;
        _outbox = new LedgerOutbox(ledger, metrics, logger);
        _writes = new WriteBatcher(WriteAsync);
    }

    /// <summary>The member's state as the commands see it; storage is given a copy of it (see <see cref="WriteAsync"/>).</summary>
    private MemberState S => _live;
    private string MemberId => this.GetPrimaryKeyString();

    public async Task<bool> Enrol(MemberProfile profile)
    {
        if (await ForwardingAsync() is { } target)
            return await target.Enrol(profile);
        var now = _time.GetUtcNow();
        var created = Change(() =>
        {
            _programme.Advance(S, now);
            return _programme.Enrol(S, profile, now);
        });
        await _writes.StoreAsync();
        return created;
    }

    public async Task<AccountView?> GetAccount()
    {
        if (await ForwardingAsync() is { } target)
            return await target.GetAccount();
        if (!S.Enrolled)
            return null;
        var now = _time.GetUtcNow();
        await (Change(() => _programme.Advance(S, now)) ? _writes.StoreAsync() : _writes.StoredAsync());
        return _programme.View(S, MemberId, now);
    }

    public Task<Result<PurchaseOutcome>> Purchase(Purchase purchase) =>
        ForwardedAsync(purchase.TransactionId, target => target.Purchase(purchase), () => PurchaseHereAsync(purchase));

    private async Task<Result<PurchaseOutcome>> PurchaseHereAsync(Purchase purchase)
    {
        Result<PurchaseOutcome> result;
        try
        {
            result = await PurchaseWithPromotionsAsync(purchase);
        }
        catch (Exception ex) when (ex is not MemberMergingException)
        {
            _metrics.PurchaseAnswered(PurchaseOutcomeKind.Failed, 0);
            throw;
        }
        var outcome = !result.IsSuccess ? PurchaseOutcomeKind.Rejected
            : result.Value!.Duplicate ? PurchaseOutcomeKind.Replayed : PurchaseOutcomeKind.Awarded;
        _metrics.PurchaseAnswered(outcome, result.Value?.PointsEarned ?? 0);
        LogPurchase(_logger, MemberId, purchase.TransactionId, outcome, result.Value?.PointsEarned ?? 0);
        return result;
    }

    public Task<Result<RedemptionOutcome>> Redeem(Redemption redemption) =>
        ForwardedAsync(redemption.TransactionId, target => target.Redeem(redemption), () => RedeemHereAsync(redemption));

    private async Task<Result<RedemptionOutcome>> RedeemHereAsync(Redemption redemption)
    {
        var result = await ApplyAsync(redemption, (s, cmd, now) => _programme.ApplyRedemption(s, cmd, now), o => o.Duplicate,
            redemption.TransactionId);
        if (result is { IsSuccess: true, Value.Duplicate: false })
            _metrics.PointsRedeemed(result.Value.PointsRedeemed);
        LogCommand(_logger, MemberId, "redemption", redemption.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }

    public Task<Result<RefundOutcome>> Refund(Refund refund) =>
        ForwardedAsync(refund.TransactionId, target => target.Refund(refund), () => RefundHereAsync(refund));

    private async Task<Result<RefundOutcome>> RefundHereAsync(Refund refund)
    {
        var older = new OlderSale();
        var result = await ApplyAsync(refund, (s, cmd, now) => _programme.ApplyRefund(s, cmd, now, older.Record), o => o.Duplicate,
            now => RecallOlderSaleAsync(refund, older, now), refund.TransactionId, refund.OriginalTransactionId);
        LogCommand(_logger, MemberId, "refund", refund.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }

    public async Task<ActivityPage?> GetActivity(long? before, int limit)
    {
        if (await ForwardingAsync() is { } target)
            return await target.GetActivity(before, limit);
        if (!S.Enrolled)
            return null;
        await _writes.StoredAsync();
        await _outbox.FlushAsync(MemberId);
        var entries = await _ledger.ReadAsync(MemberId, before, limit);
        var next = entries.Count == limit && entries[^1].Sequence > 1 ? entries[^1].Sequence : (long?)null;
        return new ActivityPage(entries, next, MemberId);
    }

    /// <summary>
    /// Applies a command between two awaits, so no other command sees it half done, then answers once it is stored.
    /// A replay or a refusal also waits for what is being stored: its answer may rest on a change not yet durable.
    /// The transactions the command names (<paramref name="transactionIds"/>) whose records the member let go of are
    /// read back from the ledger first, again if another command (while this one waited) or the housekeeping let one
    /// of them go, until the command applies in the same turn as the housekeeping. <paramref name="recall"/>, when
    /// given, reads what else the command needs from the ledger after the housekeeping, and answers whether it had to
    /// wait for a read (the housekeeping is then done again, until a pass needs no read).
    /// </summary>
    private Task<Result<TOutcome>> ApplyAsync<TCommand, TOutcome>(
        TCommand command,
        Func<MemberState, TCommand, DateTimeOffset, Result<TOutcome>> apply,
        Func<TOutcome, bool> isDuplicate,
        params string?[] transactionIds) =>
        ApplyAsync(command, apply, isDuplicate, null, transactionIds);

    private Task<Result<TOutcome>> ApplyAsync<TCommand, TOutcome>(
        TCommand command,
        Func<MemberState, TCommand, DateTimeOffset, Result<TOutcome>> apply,
        Func<TOutcome, bool> isDuplicate,
        Func<DateTimeOffset, Task<bool>>? recall,
        params string?[] transactionIds) =>
        ApplyAsync(command, apply, isDuplicate, recall, mergeStep: false, transactionIds);

    /// <summary>
    /// See the other overloads. A member frozen by a merge (<see cref="MemberState.MergeOut"/>) applies only the merge's
    /// own steps (<paramref name="mergeStep"/>) and replays of its own transactions: any other command, which may have
    /// found the member not yet frozen before it waited, is refused with <see cref="MemberMergingException"/>, before
    /// anything changed, and sent to the member it merges into (see <see cref="ForwardedAsync"/>).
    /// </summary>
    private async Task<Result<TOutcome>> ApplyAsync<TCommand, TOutcome>(
        TCommand command,
        Func<MemberState, TCommand, DateTimeOffset, Result<TOutcome>> apply,
        Func<TOutcome, bool> isDuplicate,
        Func<DateTimeOffset, Task<bool>>? recall,
        bool mergeStep,
        params string?[] transactionIds)
    {
        await EnsureFreshAsync();
        var advanced = false;
        DateTimeOffset now;
        do
        {
            await RecallForgottenAsync(transactionIds);
            now = _time.GetUtcNow();
            var at = now;
            advanced |= Change(() => _programme.Advance(S, at));
        }
        while (_programme.TransactionsToRecall(S, now, transactionIds).Count > 0 || (recall is not null && await recall(now)));
        if (S.MergeOut is not null && !mergeStep && !(transactionIds.Length > 0 && transactionIds[0] is { } own && S.Transactions.ContainsKey(own)))
        {
            await (advanced ? _writes.StoreAsync() : _writes.StoredAsync());
            throw new MemberMergingException();
        }
        var result = Change(() => apply(S, command, now));
        var changed = advanced || (result.IsSuccess && !isDuplicate(result.Value!));
        await (changed ? _writes.StoreAsync() : _writes.StoredAsync());
        return result;
    }
}
