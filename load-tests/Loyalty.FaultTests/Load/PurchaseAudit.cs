using System.Collections.Concurrent;
using Loyalty.FaultTests.Client;
using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Load;

/// <summary>
/// After a <see cref="PurchaseLoad"/>: reads every member's account and whole ledger, and compares them with what the
/// tills saw acknowledged: the purchases of the ledger (found, duplicated, lost, unexpected), and the balance against
/// the points of the acknowledged purchases.
/// </summary>
internal static class PurchaseAudit
{
    public static async Task<PurchaseAuditResult> Run(IReadOnlyList<TillClient> nodes, IReadOnlyList<string> members, PurchaseLoadResult load,
        CancellationToken cancellation)
    {
        var reconciliations = new ConcurrentBag<Reconciliation>();
        var balanceMismatches = 0L;
        var unreadable = await Members.ForEach(nodes, members, TimeSpan.FromSeconds(60), async (node, memberId, token) =>
        {
            var ledger = await node.Ledger(memberId, token);
            var points = ledger is null ? null : await node.Points(memberId, token);
            if (ledger is null || points is null)
                return false;
            var acknowledged = load.AcknowledgedFor(memberId);
            reconciliations.Add(Reconciliation.Of(acknowledged,
                ledger.Where(l => l.Kind == "purchase").Select(l => l.TransactionId)));
            if (points != acknowledged.Count * PurchaseLoad.PointsPerPurchase)
                Interlocked.Increment(ref balanceMismatches);
            return true;
        }, cancellation);
        return new PurchaseAuditResult(reconciliations.Aggregate(Reconciliation.None, (a, b) => a + b), balanceMismatches, unreadable.Count);
    }
}

/// <summary>The sum of the members' reconciliations, how many balances differed from the acknowledged points, and how many members could not be read.</summary>
internal sealed record PurchaseAuditResult(Reconciliation Purchases, long BalanceMismatches, long Unreadable);
