using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>Pending points released on time, also for a member nobody touches (see <see cref="PendingPoints.PendingReleaseScheduler"/>).</summary>
public sealed partial class MemberGrain
{
    public async Task<DateOnly?> ReleasePending()
    {
        // A member woken only to release their points does not stay in memory until the idle collection: with many
        // members released on the same day, the node would hold them all.
        var wokenForRelease = !_served;
        await FreshAsync();
        if (!S.Enrolled || S.Erasure is not null)
            return null; // an erased member's pending points stay pending, in the liability, under its id
        var now = _time.GetUtcNow();
        await (Change(() => _programme.Advance(S, now)) ? _writes.StoreAsync() : _writes.StoredAsync());
        if (wokenForRelease && _watchers is not { Count: > 0 })
            DeactivateOnIdle(); // its ledger entries are copied on the way out (OnDeactivateAsync)
        return Programme.NextRelease(S);
    }
}
