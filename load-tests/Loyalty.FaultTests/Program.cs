using Loyalty.FaultTests;
using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Hostile;
using Loyalty.FaultTests.Scenarios;

// Fault tests against the local cluster started by deploy/local/cluster.sh; see deploy/local/fault-tests.sh.
//   dotnet run -c Release --project load-tests/Loyalty.FaultTests -- [scenario ...]
// With no scenario named, all of them run in order. Exit code 0 when every check of every scenario held.
IFaultScenario[] scenarios =
[
    new KillNodeScenario(), new RestartPostgresScenario(), new RedemptionsScenario(), new FuzzScenario(), new AuthzScenario(),
];

var chosen = args.Length == 0 ? scenarios : scenarios.Where(s => args.Contains(s.Name)).ToArray();
var unknown = args.Where(a => scenarios.All(s => s.Name != a)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 2;
}

var context = FaultContextFromEnvironment.Read();
var passed = true;
foreach (var scenario in chosen)
{
    Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
    using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    FaultReport report;
    try
    {
        report = await scenario.Run(context, limit.Token);
    }
    catch (Exception e)
    {
        report = new FaultReport(scenario.Name).Check($"ran to the end (it threw {e.GetType().Name}: {e.Message})", false);
    }
    Console.WriteLine(report);
    passed &= report.Passed;
}
return passed ? 0 : 1;
