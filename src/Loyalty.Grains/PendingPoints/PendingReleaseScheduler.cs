using Loyalty.Storage.PendingPoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.PendingPoints;

/// <summary>
/// One per node, while the silo is active: every <see cref="PollInterval"/> of the programme's clock, claims the members
/// whose pending points are due (<see cref="IPendingDueStore"/>, at most <see cref="BatchSize"/> at a time, again while
/// batches come back full), asks each member grain to release them, and moves each member's row to its next release
/// day. No timer per member: the due-time table, indexed by day, is the only list of who waits. A node that dies holding
/// a claim leaves it to run out (<see cref="Lease"/>); a member called twice releases once.
/// </summary>
public sealed partial class PendingReleaseScheduler(
    IPendingDueStore due,
    IGrainFactory grains,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock,
    ILogger<PendingReleaseScheduler> logger) : NodeLoop
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    public const int BatchSize = 500;
    /// <summary>Member calls in flight at once, per node.</summary>
    public const int Concurrency = 32;

    protected override Task RunOnceAsync(CancellationToken stopping) => ReleaseDueAsync(stopping);

    protected override void OnFailed(Exception exception) => LogPassFailed(logger, exception);

    protected override Task PauseAsync(CancellationToken stopping) => Task.Delay(PollInterval, clock, stopping);

    /// <summary>One pass: releases every member due now, batch after batch. Returns how many members it called.</summary>
    public async Task<int> ReleaseDueAsync(CancellationToken cancellationToken = default)
    {
        var called = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var claims = await due.ClaimAsync(DateOnly.FromDateTime(now.UtcDateTime), now, Lease, BatchSize, cancellationToken);
            if (claims.Count == 0)
                break;
            var done = new PendingDueDone?[claims.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, claims.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (i, _) =>
                {
                    var claim = claims[i];
                    try
                    {
                        var next = await grains.GetGrain<IMemberGrain>(claim.MemberId).ReleasePending();
                        done[i] = new PendingDueDone(claim.MemberId, claim.Version, next);
                    }
                    catch (Exception ex)
                    {
                        LogReleaseFailed(logger, ex, claim.MemberId); // its claim runs out and the next pass tries again
                    }
                });
            await due.CompleteAsync(done.OfType<PendingDueDone>().ToList(), cancellationToken);
            called += claims.Count;
            if (claims.Count < BatchSize)
                break;
        }
        return called;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the pending points release failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the pending points of member {MemberId} failed; will retry when its claim runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string memberId);
}
