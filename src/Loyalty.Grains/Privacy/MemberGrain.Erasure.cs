using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Domain.Privacy;
using Loyalty.Domain.SignIn;
using Loyalty.Grains.Privacy;
using Loyalty.Storage.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains;

/// <summary>
/// Erasure (GDPR article 17): a saga of idempotent steps, each done before the next, that completes when run again
/// after a failure or a crash at any step:
/// (1) the state forgets the personal data (stored; from now on the member answers "erased", and its watchers get a
/// <c>member-erased</c> event); (2) the ledger's texts lose the name, e-mail and phone; (3) the sign-in codes of its
/// identifiers and its release mark go; (4) its identifiers are released, free to be bound again; (5) its sign-ins are
/// revoked; (6) the state forgets what the steps had to remove (stored), and the deleted bytes are removed from the
/// database's files. The amounts stay under the member id. A member whose erasure stopped half-way completes it
/// before it refuses any call.
/// </summary>
public sealed partial class MemberGrain
{
    public async Task<ErasureOutcome?> Erase()
    {
        await FreshAsync();
        if (S.Erasure is null)
        {
            await ForwardingAsync(); // a merge under way is finished first
            if (!S.Enrolled)
                return null;
            var identifiers = Identifiers is { } store ? await store.ForMemberAsync(MemberId) : [];
            if (S.Erasure is null) // not erased by a call that ran while this one waited
            {
                Change(() => _programme.Erase(S, identifiers, _time.GetUtcNow()));
                await _writes.StoreAsync();
                LogErased(_logger, MemberId);
                ErasureFaults?.After(1);
            }
        }
        else if (S.Erasure.Done && Erasures is { } erasures)
            await erasures.RemoveDeletedBytesAsync(); // the last step again: it may have failed after the state was stored
        await CompleteErasureAsync();
        return new ErasureOutcome(MemberId, S.Erasure!.ErasedAt);
    }

    /// <summary>Steps 2 to 6 of the erasure, for a member whose state forgot the personal data; nothing when all are done.</summary>
    private async Task CompleteErasureAsync()
    {
        if (S.Erasure is not { Done: false } erasure)
            return;
        await _writes.StoredAsync();
        await _outbox.FlushAsync(MemberId); // the entries still in the state reach the ledger before its texts are erased
        if (Erasures is { } erasures)
        {
            await erasures.EraseLedgerTextsAsync(MemberId, erasure.Texts);
            ErasureFaults?.After(2);
            var digests = erasure.Identifiers.Where(i => i.Kind != IdentifierKind.Card).Select(IdentifierDigest.Of).ToArray();
            await erasures.ForgetLiveRowsAsync(MemberId, digests);
            ErasureFaults?.After(3);
        }
        if (Identifiers is { } store)
            foreach (var identifier in erasure.Identifiers)
                await store.ReleaseAsync(identifier, MemberId);
        ErasureFaults?.After(4);
        if (Erasures is { } revoking)
            await revoking.RevokeSignInsAsync(MemberId, _time.GetUtcNow());
        ErasureFaults?.After(5);
        Change(() =>
        {
            Programme.CompleteErasure(S);
            return true;
        });
        await _writes.StoreAsync();
        if (Erasures is { } compacting)
            await compacting.RemoveDeletedBytesAsync();
    }

    /// <summary>
    /// Refuses every call to an erased member (with <see cref="MemberErasedException"/>, answered 410), once its erasure
    /// is complete: one stopped half-way is completed first.
    /// </summary>
    private async Task RefuseIfErasedAsync()
    {
        if (S.Erasure is null)
            return;
        await CompleteErasureAsync();
        throw MemberErasedException.Of(MemberId);
    }

    /// <summary>A crash test's kill switch between the erasure's steps; absent from every engine but a crash test's.</summary>
    private ErasureFaultInjection? ErasureFaults => ServiceProvider.GetService<ErasureFaultInjection>();

    /// <summary>The erasure's statements outside the state; absent from a silo without the engine's storage.</summary>
    private IErasureStore? Erasures => ServiceProvider.GetService<IErasureStore>();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {MemberId} erased: personal data forgotten, amounts kept")]
    private static partial void LogErased(ILogger logger, string memberId);
}
