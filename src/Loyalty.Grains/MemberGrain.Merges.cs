using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains;

/// <summary>
/// Merges: the saga that moves a source member into this one, and the forwarding of a merged member's calls.
/// The saga's steps, each stored before the next and each idempotent on the merge's transaction id:
/// (1) the source freezes and hands over a snapshot (kept by the source: a retry gets the same one);
/// (2) the target takes it in once (it remembers the transaction id; a replay answers the same);
/// (3) the source's identifiers (cards, phone, e-mail) are bound to the target;
/// (4) the source empties itself and remembers the target for good, and its watchers get a <c>sync</c> event naming it.
/// A failure or a crash at any step leaves a state from which the same merge, sent again, goes on; and a frozen source
/// finishes the merge itself before it serves any other call.
/// </summary>
public sealed partial class MemberGrain
{
    public async Task<Result<MergeOutcome>> Merge(MemberMerge merge)
    {
        await EnsureFreshAsync();
        await RecallForgottenAsync([merge.TransactionId]);
        var replay = _programme.CheckMerge(S, MemberId, merge, _time.GetUtcNow());
        if (replay is { IsSuccess: false })
        {
            await _writes.StoredAsync();
            return replay;
        }
        var source = GrainFactory.GetGrain<IMemberGrain>(merge.SourceMemberId);
        var handOver = await source.FreezeForMerge(merge, MemberId);
        if (!handOver.IsSuccess)
            return replay ?? Result<MergeOutcome>.Fail(handOver.Rejection!.Code, handOver.Rejection.Detail);
        var (snapshot, completed) = handOver.Value!;
        Faults?.After(1);
        var result = replay ?? (completed
            ? Result<MergeOutcome>.Ok(new MergeOutcome(merge.TransactionId, true, MemberId, merge.SourceMemberId, snapshot.Balance, S.Balance, S.Tier))
            : await TakeMergeIn(snapshot));
        if (!result.IsSuccess)
        {
            await source.CancelMerge(merge.TransactionId);
            return result;
        }
        Faults?.After(2);
        await MoveIdentifiersAsync(snapshot);
        Faults?.After(3);
        var emptied = await source.CompleteMergeOut(merge.TransactionId);
        if (!emptied.IsSuccess)
            throw new CommandFailedException($"The merge's source could not complete: {emptied.Rejection!.Detail}");
        LogCommand(_logger, MemberId, "merge", merge.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }

    public async Task<Result<MergeHandOver>> FreezeForMerge(MemberMerge merge, string targetId)
    {
        await EnsureFreshAsync();
        var identifiers = S.MergeOut is null && S.Enrolled && Identifiers is { } store
            ? await store.ForMemberAsync(MemberId)
            : [];
        var result = await ApplyAsync(merge, (s, cmd, now) => _programme.FreezeForMerge(s, MemberId, targetId, cmd, identifiers, now),
            _ => false, null, mergeStep: true);
        return result.IsSuccess
            ? Result<MergeHandOver>.Ok(new MergeHandOver(result.Value!, S.MergedInto is not null))
            : Result<MergeHandOver>.Fail(result.Rejection!.Code, result.Rejection.Detail);
    }

    public Task<Result<MergeOutcome>> TakeMergeIn(MergeSnapshot snapshot) =>
        ApplyAsync(snapshot, (s, snap, now) => _programme.ApplyMerge(s, MemberId, snap, now), o => o.Duplicate, null,
            mergeStep: true, snapshot.TransactionId); // a target merged away meanwhile refuses, and the source is itself again

    public Task<Result<MergeSnapshot>> CompleteMergeOut(string transactionId) =>
        ApplyAsync(transactionId, (s, id, now) => _programme.CompleteMergeOut(s, id, now), _ => false, null, mergeStep: true, transactionId);

    public async Task<bool> CancelMerge(string transactionId)
    {
        await EnsureFreshAsync();
        if (!Change(() => Programme.CancelMerge(S, transactionId)))
            return false;
        await _writes.StoreAsync();
        return true;
    }

    /// <summary>A crash test's kill switch between the saga's steps; absent from every engine but a crash test's.</summary>
    private MergeFaultInjection? Faults => ServiceProvider.GetService<MergeFaultInjection>();

    /// <summary>The shared table of identifiers; absent from a silo without the engine's storage.</summary>
    private IIdentifierStore? Identifiers => ServiceProvider.GetService<IIdentifierStore>();

    /// <summary>
    /// Binds the source's identifiers to this member: each one the source still owns is released and claimed here, one
    /// already here stays, one another member took meanwhile stays theirs. Done again, it changes nothing.
    /// </summary>
    private async Task MoveIdentifiersAsync(MergeSnapshot snapshot)
    {
        if (snapshot.Identifiers.Count == 0 || Identifiers is not { } store)
            return;
        foreach (var identifier in snapshot.Identifiers)
        {
            var owner = await store.FindMemberAsync(identifier);
            if (owner == snapshot.SourceMemberId)
                await store.ReleaseAsync(identifier, snapshot.SourceMemberId);
            else if (owner is not null)
                continue;
            if (!await store.TryClaimAsync(identifier, MemberId))
                LogIdentifierTaken(_logger, MemberId, identifier.Field);
        }
    }

    /// <summary>
    /// The member that serves this member's calls: null while it serves them itself. A member frozen by a merge first
    /// finishes it (the merge, sent again to its target, goes on from where it stopped). A merged member still answers
    /// a replay of one of its own transactions itself (<paramref name="transactionId"/>: the call's), with its original
    /// outcome; everything else goes to the member it was merged into.
    /// </summary>
    private async Task<IMemberGrain?> ForwardingAsync(string? transactionId = null)
    {
        await EnsureFreshAsync();
        if (S.MergeOut is not { } away)
            return null;
        if (S.MergedInto is null)
        {
            var finished = await GrainFactory.GetGrain<IMemberGrain>(away.TargetMemberId).Merge(new MemberMerge(away.TransactionId, MemberId));
            if (S.MergeOut is null)
                return null; // the target refused: the merge was undone
            if (S.MergedInto is null)
                throw new CommandFailedException($"The member is being merged into member '{away.TargetMemberId}' ({finished.Rejection?.Detail ?? "not finished"}); try again.");
        }
        if (transactionId is not null)
        {
            await RecallForgottenAsync([transactionId]);
            if (S.Transactions.ContainsKey(transactionId))
                return null;
        }
        return GrainFactory.GetGrain<IMemberGrain>(S.MergedInto!);
    }

    /// <summary>
    /// A command served here, or by the member this one was merged into (<see cref="ForwardingAsync"/>), naming that
    /// member in its answer. A command that found the member frozen by a merge once it had waited is sent there too.
    /// </summary>
    private async Task<Result<T>> ForwardedAsync<T>(string? transactionId, Func<IMemberGrain, Task<Result<T>>> there, Func<Task<Result<T>>> here)
    {
        while (true)
        {
            if (await ForwardingAsync(transactionId) is { } target)
                return Served(await there(target), target);
            try
            {
                return await here();
            }
            catch (MemberMergingException)
            {
                // frozen meanwhile: the next turn finishes the merge and forwards
            }
        }
    }

    /// <summary>A command's answer from the member it was forwarded to, naming that member (the first one, along a chain of merges).</summary>
    private static Result<T> Served<T>(Result<T> result, IMemberGrain target)
    {
        var id = target.GetPrimaryKeyString();
        object? value = result.Value switch
        {
            PurchaseOutcome { MemberId: null } o => o with { MemberId = id },
            RedemptionOutcome { MemberId: null } o => o with { MemberId = id },
            RefundOutcome { MemberId: null } o => o with { MemberId = id },
            AdjustmentOutcome { MemberId: null } o => o with { MemberId = id },
            VoidOutcome { MemberId: null } o => o with { MemberId = id },
            _ => null,
        };
        return value is null ? result : result with { Value = (T)value };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging into member {MemberId}: the source's {Field} belongs to another member now; left with them")]
    private static partial void LogIdentifierTaken(ILogger logger, string memberId, string field);
}
