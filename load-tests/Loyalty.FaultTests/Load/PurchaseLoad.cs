using System.Diagnostics;
using Loyalty.FaultTests.Client;

namespace Loyalty.FaultTests.Load;

/// <summary>
/// Concurrent tills selling to a set of members for a fixed time, each sale to the next node in turn. A sale that gets
/// no answer or a 5xx is sent again with the same transaction id to the next node, until it is acknowledged or
/// <see cref="GiveUpAfter"/> has passed (then it counts as given up). Every sale is one item at a fixed price, so its
/// points are known: <see cref="PointsPerPurchase"/>.
/// </summary>
internal sealed class PurchaseLoad(IReadOnlyList<TillClient> nodes, IReadOnlyList<string> members, string runId)
{
    /// <summary>2.00 of spend earns 2 points at the Member tier; a member would need 250 sales to reach Silver.</summary>
    public const decimal UnitPrice = 2.00m;

    public const long PointsPerPurchase = 2;

    public int Tills { get; init; } = 16;

    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan RetryPause { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the tills for <paramref name="duration"/>; a sale begun before the end is finished (or given up).</summary>
    public async Task<PurchaseLoadResult> Run(TimeSpan duration, Stopwatch clock, CancellationToken cancellation)
    {
        var result = new PurchaseLoadResult();
        var next = -1L;
        var end = clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, Tills).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < end && !cancellation.IsCancellationRequested)
            {
                var sale = Interlocked.Increment(ref next);
                await Sell(sale, result, clock, cancellation);
            }
        }, cancellation)));
        return result;
    }

    private async Task Sell(long sale, PurchaseLoadResult result, Stopwatch clock, CancellationToken cancellation)
    {
        var memberId = members[(int)(sale % members.Count)];
        var transactionId = $"{runId}-P{sale}";
        var started = clock.Elapsed;
        Interlocked.Increment(ref result.Sent);
        for (var attempt = 0; ; attempt++)
        {
            var nodeIndex = (int)((sale + attempt) % nodes.Count);
            var node = nodes[nodeIndex];
            var sentAt = clock.Elapsed;
            var answer = await node.Purchase(memberId, transactionId, 1, UnitPrice, cancellation);
            result.Outcomes.Add(answer.Outcome);
            result.Timeline.Add(sentAt, nodeIndex, answer.Ok, answer.Outcome);
            if (answer.Ok)
            {
                result.Acknowledge(memberId, transactionId);
                if (attempt > 0)
                    Interlocked.Increment(ref result.Retried);
                if (answer.Body.Contains("\"duplicate\":true", StringComparison.Ordinal))
                    Interlocked.Increment(ref result.Duplicates);
                return;
            }
            if (!answer.Retryable)
            {
                Interlocked.Increment(ref result.Refused);
                return;
            }
            if (clock.Elapsed - started > GiveUpAfter)
            {
                Interlocked.Increment(ref result.GaveUp);
                return;
            }
            await Task.Delay(RetryPause, cancellation);
        }
    }
}
