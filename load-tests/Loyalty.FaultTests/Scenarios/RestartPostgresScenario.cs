using System.Diagnostics;
using Loyalty.FaultTests.Client;
using Loyalty.FaultTests.Load;

namespace Loyalty.FaultTests.Scenarios;

/// <summary>
/// Fault test 2: stop PostgreSQL for a while under the tills' load, then start it again. Calls may fail only while it
/// is down (with 503, never 500) and a little after, until the engine has recovered on its own; the tills' retries
/// with the same ids must end with every acknowledged sale in the ledger exactly once and every balance exact.
/// </summary>
internal sealed class RestartPostgresScenario : IFaultScenario
{
    private const int MemberCount = 200;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(10);

    /// <summary>Calls sent this long before the stop may still be in flight when sessions are cut: not counted as "before".</summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromSeconds(2);

    /// <summary>How long after PostgreSQL is back the engine may keep failing calls before it counts as not recovered.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    public string Name => "restart-postgres";

    public string Description =>
        $"{MemberCount} members, 16 tills for {LoadDuration.TotalSeconds:N0} s over 3 nodes; PostgreSQL stopped after {StopAfter.TotalSeconds:N0} s for {Downtime.TotalSeconds:N0} s; retries with the same ids; audit every ledger and balance";

    public async Task<FaultReport> Run(FaultContext context, CancellationToken cancellation)
    {
        var report = new FaultReport(Name);
        var control = new ClusterControl(context.ClusterScript);
        var tills = context.Nodes.Select(n => new TillClient(n, context.TillKey, TimeSpan.FromSeconds(10))).ToArray();
        try
        {
            var members = Members.Named(context.RunId, "P", MemberCount);
            await Members.Enrol(tills, members, cancellation);
            report.Count("members", members.Count);

            var clock = Stopwatch.StartNew();
            var loading = new PurchaseLoad(tills, members, context.RunId + "P").Run(LoadDuration, clock, cancellation);
            await Task.Delay(StopAfter, cancellation);
            var stoppedAt = clock.Elapsed;
            try
            {
                Console.WriteLine($"   {stoppedAt.TotalSeconds:N1} s: {await control.Run(TimeSpan.FromSeconds(90), cancellation, "pg-stop")}");
                await Task.Delay(Downtime, cancellation);
            }
            finally
            {
                // Started again whatever happened, so that the scenarios after this one have a database.
                Console.WriteLine($"   {clock.Elapsed.TotalSeconds:N1} s: {await control.Run(TimeSpan.FromSeconds(90), CancellationToken.None, "pg-start")}");
            }
            var upAt = clock.Elapsed;
            var load = await loading;
            Console.WriteLine($"   {clock.Elapsed.TotalSeconds:N1} s: load over");

            var audit = await PurchaseAudit.Run(tills, members, load, cancellation);
            var timeline = load.Timeline;
            var firstSuccess = timeline.FirstSuccessAfter(upAt);
            var steady = timeline.SteadySuccessAfter(upAt);
            report.AddLoad(load);
            report.Count("calls failed, sent before the stop", timeline.FailuresBetween(TimeSpan.Zero, stoppedAt - InFlight))
                .Count("calls failed, sent while PostgreSQL was down", timeline.FailuresBetween(stoppedAt, upAt))
                .Count("calls failed, sent after it was up again", timeline.FailuresBetween(upAt, TimeSpan.MaxValue))
                .Count("ms PostgreSQL was down (stop begun to start done)", LoadReporting.Milliseconds(upAt - stoppedAt))
                .Count("ms from PostgreSQL up to the first success", firstSuccess is { } f ? LoadReporting.Milliseconds(f - upAt) : -1)
                .Count("ms from PostgreSQL up to steady success (after the last failure)", steady is { } s ? LoadReporting.Milliseconds(s - upAt) : -1);
            report.AddAudit(load, audit);
            report.Check("no call failed before the stop", timeline.FailuresBetween(TimeSpan.Zero, stoppedAt - InFlight) == 0)
                .Check("the outage showed: some call failed while PostgreSQL was down", timeline.FailuresBetween(stoppedAt, upAt) > 0)
                .Check("failures were 503 or no answer, never 500", LoadReporting.NoServerErrors(load.Outcomes))
                .Check($"full recovery: every call sent more than {RecoveryBound.TotalSeconds:N0} s after PostgreSQL was up succeeded",
                    steady is { } st && st - upAt <= RecoveryBound);
            return report;
        }
        finally
        {
            foreach (var client in tills)
                client.Dispose();
        }
    }
}
