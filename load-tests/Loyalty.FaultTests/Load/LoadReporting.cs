using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Load;

/// <summary>The counts and checks every purchase-load scenario reports the same way.</summary>
internal static class LoadReporting
{
    public static void AddLoad(this FaultReport report, PurchaseLoadResult load)
    {
        report.Count("sales sent (distinct transaction ids)", load.Sent)
            .Count("acknowledged (200)", load.Acknowledged)
            .Count("retried (acknowledged after 2+ attempts)", load.Retried)
            .Count("acknowledged as duplicate: true (a retry of a sale already made)", load.Duplicates)
            .Count("given up by the tills", load.GaveUp)
            .Count("refused with a 4xx", load.Refused)
            .Count("calls in all", load.Outcomes.Total);
        foreach (var (outcome, count) in load.Outcomes.Sorted)
            report.Count($"calls answered {outcome}", count);
    }

    public static void AddAudit(this FaultReport report, PurchaseLoadResult load, PurchaseAuditResult audit)
    {
        var p = audit.Purchases;
        report.Count("ledger: found", p.Found)
            .Count("ledger: duplicated", p.Duplicated)
            .Count("ledger: lost", p.Lost)
            .Count("ledger: unexpected", p.Unexpected)
            .Count("balances not equal to the acknowledged points", audit.BalanceMismatches)
            .Count("members unreadable", audit.Unreadable);
        report.Check("every sale was acknowledged in the end (none given up, none refused)", load.GaveUp == 0 && load.Refused == 0)
            .Check("every member's account and ledger could be read", audit.Unreadable == 0)
            .Check("the ledger holds every acknowledged sale exactly once, and no other", p.Exact && p.Acknowledged == load.Acknowledged)
            .Check("every balance equals the points of the member's acknowledged sales", audit.BalanceMismatches == 0);
    }

    public static string Seconds(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:N1} s" : "never";

    public static long Milliseconds(TimeSpan t) => (long)t.TotalMilliseconds;

    public static bool NoServerErrors(OutcomeTally outcomes) => outcomes["500"] == 0;
}
