using System.Diagnostics;
using Loyalty.FaultTests.Client;
using Loyalty.FaultTests.Load;

namespace Loyalty.FaultTests.Scenarios;

/// <summary>
/// Fault test 1: <c>kill -9</c> one of the three nodes while tills sell to every node in turn; the tills resend what
/// failed, with the same transaction id, to the next node. Afterwards every acknowledged sale must be in the ledger
/// exactly once and every balance exact. Also measures how long after the kill every member answers again.
/// </summary>
internal sealed class KillNodeScenario : IFaultScenario
{
    private const int MemberCount = 300;
    private const int KilledNode = 2;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(8);

    public string Name => "kill-node";

    public string Description =>
        $"{MemberCount} members, 16 tills for {LoadDuration.TotalSeconds:N0} s over 3 nodes; kill -9 node {KilledNode} after {KillAfter.TotalSeconds:N0} s; retries with the same ids; audit every ledger and balance";

    private static async Task<bool> Restart(ClusterControl control, CancellationToken cancellation)
    {
        try
        {
            Console.WriteLine($"   {await control.Run(TimeSpan.FromSeconds(150), cancellation, "restart", $"{KilledNode}")}".Replace("\n", "\n   ", StringComparison.Ordinal));
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.WriteLine($"   restart failed: {e.Message}");
            return false;
        }
    }

    public async Task<FaultReport> Run(FaultContext context, CancellationToken cancellation)
    {
        var report = new FaultReport(Name);
        var control = new ClusterControl(context.ClusterScript);
        var tills = context.Nodes.Select(n => new TillClient(n, context.TillKey, TimeSpan.FromSeconds(10))).ToArray();
        var probes = context.Nodes.Where((_, i) => i != KilledNode - 1)
            .Select(n => new TillClient(n, context.TillKey, TimeSpan.FromSeconds(5))).ToArray();
        try
        {
            var members = Members.Named(context.RunId, "K", MemberCount);
            await Members.Enrol(tills, members, cancellation);
            report.Count("members", members.Count);

            var clock = Stopwatch.StartNew();
            var loading = new PurchaseLoad(tills, members, context.RunId + "K").Run(LoadDuration, clock, cancellation);
            await Task.Delay(KillAfter, cancellation);
            var killedAt = clock.Elapsed;
            TimeSpan? allAnswered;
            PurchaseLoadResult load;
            bool restarted;
            try
            {
                Console.WriteLine($"   {killedAt.TotalSeconds:N1} s: {await control.Run(TimeSpan.FromSeconds(30), cancellation, "kill", $"{KilledNode}")}");
                (allAnswered, var rounds) = await AvailabilityProbe.Run(probes, members, clock, TimeSpan.FromSeconds(120), cancellation);
                Console.WriteLine($"   every member answered through the other nodes {LoadReporting.Seconds(allAnswered - killedAt)} after the kill (round {rounds})");
                load = await loading;
            }
            finally
            {
                // Started again whatever happened, so that the scenarios after this one have three nodes.
                Console.WriteLine($"   {clock.Elapsed.TotalSeconds:N1} s: load over; restarting node {KilledNode}");
                restarted = await Restart(control, CancellationToken.None);
            }

            var audit = await PurchaseAudit.Run(tills, members, load, cancellation);
            report.AddLoad(load);
            var survivors = load.Timeline.Without(KilledNode - 1);
            var steady = survivors.SteadySuccessAfter(killedAt);
            report.Count($"calls failed after the kill, sent to node {KilledNode}", load.Timeline.FailuresBetween(killedAt, TimeSpan.MaxValue) - survivors.FailuresBetween(killedAt, TimeSpan.MaxValue))
                .Count("calls failed after the kill, sent to the other nodes", survivors.FailuresBetween(killedAt, TimeSpan.MaxValue))
                .Count("ms from the kill until every member answered again", allAnswered is { } t ? LoadReporting.Milliseconds(t - killedAt) : -1)
                .Count("ms from the kill until sales on the other nodes succeeded steadily", steady is { } s ? LoadReporting.Milliseconds(s - killedAt) : -1);
            report.AddAudit(load, audit);
            report.Check("every member answered again through the other two nodes within 120 s of the kill", allAnswered is not null)
                .Check("no call answered 500", LoadReporting.NoServerErrors(load.Outcomes))
                .Check($"node {KilledNode} started again and became ready", restarted);
            return report;
        }
        finally
        {
            foreach (var client in tills.Concat(probes))
                client.Dispose();
        }
    }
}
