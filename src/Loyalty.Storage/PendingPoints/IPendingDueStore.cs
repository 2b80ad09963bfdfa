namespace Loyalty.Storage.PendingPoints;

/// <summary>
/// The due-time table of pending points (<c>loyalty_pending_due</c>): which members have points to release, from which
/// UTC day. Written with the ledger (a sale whose points went pending); read by the nodes' release schedulers.
/// </summary>
public interface IPendingDueStore
{
    /// <summary>
    /// Claims at most <paramref name="limit"/> rows due on or before <paramref name="today"/> and not claimed by anyone
    /// (or whose claim ran out) at <paramref name="now"/>, earliest first, until <paramref name="now"/> + <paramref name="lease"/>.
    /// Concurrent callers, on any node, never get the same row while its claim runs.
    /// </summary>
    Task<IReadOnlyList<PendingDueClaim>> ClaimAsync(DateOnly today, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the claims: a row still at its claimed version moves to the member's next release day, or is deleted when
    /// none is pending. A row upserted meanwhile (another version) is left as it is, to be claimed again once its claim runs out.
    /// </summary>
    Task CompleteAsync(IReadOnlyList<PendingDueDone> done, CancellationToken cancellationToken = default);
}

/// <summary>A claimed row: the member, the day it was due, and the version to complete it at.</summary>
public sealed record PendingDueClaim(string MemberId, DateOnly DueOn, long Version);

/// <summary>What the member answered: its next release day, null when nothing is pending any more.</summary>
public sealed record PendingDueDone(string MemberId, long Version, DateOnly? NextRelease);
