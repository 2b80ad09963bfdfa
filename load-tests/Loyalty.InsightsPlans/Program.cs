using System.Diagnostics;
using System.Globalization;
using System.Text;
using Loyalty.Domain.Insights;
using Loyalty.Storage;
using Loyalty.Storage.Insights;

// Explains every insights query of the engine (the store's own statements) and times the calls the API makes, on a
// database whose read model is already filled. Writes a markdown section.
//   Loyalty.InsightsPlans --provider Sqlite|PostgreSql --connection "..." --as-of 2026-06-15T12:00:00Z --out plans.md [--repeat 5]

var options = Arguments.Parse(args);
var storage = new LoyaltyStorageOptions { Provider = options.Provider, ConnectionString = options.Connection, CommandTimeoutSeconds = 300 };
var (readModel, connections) = InsightsReadModels.Open(storage, Environment.CurrentDirectory);
await using (connections)
{
    var asOf = options.AsOf;
    var month = MemberFacts.MonthIndex(asOf);
    var calls = new (string Name, Func<Task> Call)[]
    {
        ("retention, 12 months", () => readModel.MonthsAsync(month - 12, month)),
        ("at-risk, any reason, first 100", () => readModel.AtRiskAsync(null, 100, 0)),
        ("at-risk, lapsed, first 100", () => readModel.AtRiskAsync(RiskReasonKind.Lapsed, 100, 0)),
        ("at-risk, aov-falling, first 100", () => readModel.AtRiskAsync(RiskReasonKind.AovFalling, 100, 0)),
        ("at-risk, category-dropped, first 100", () => readModel.AtRiskAsync(RiskReasonKind.CategoryDropped, 100, 0)),
        ("at-risk, any reason, 100 from offset 10,000", () => readModel.AtRiskAsync(null, 100, 10_000)),
        ("top members, share 0.2", async () =>
        {
            var totals = await readModel.SpendTotalsAsync();
            await readModel.TopByCountAsync((long)Math.Ceiling(totals.Members * 0.2));
            await readModel.RankingAsync(100);
        }),
        ("top members, revenueShare 0.8", async () =>
        {
            var totals = await readModel.SpendTotalsAsync();
            await readModel.TopBySpendAsync((long)Math.Ceiling(totals.SpendCents * 0.8));
            await readModel.RankingAsync(100);
        }),
        ("lost, 12 months, first 100", async () =>
        {
            await readModel.LostAsync(asOf.AddMonths(-12), asOf, 100);
            await readModel.SpendTotalsAsync();
            await readModel.MonthsAsync(month - 12, month);
        }),
        ("segments, one node's reload", async () =>
        {
            await readModel.SegmentMembersAsync();
            var totals = await readModel.SpendTotalsAsync();
            await readModel.TopMemberIdsAsync((long)Math.Ceiling(totals.Members * 0.2));
        }),
    };

    var report = new StringBuilder();
    var provider = options.Provider == StorageProvider.PostgreSql ? "PostgreSQL" : "SQLite";
    report.AppendLine(CultureInfo.InvariantCulture, $"## {provider}").AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"### Calls as the API makes them (milliseconds, {options.Repeat} runs after one warm-up)").AppendLine();
    report.AppendLine("| call | median | max |").AppendLine("| --- | ---: | ---: |");
    foreach (var (name, call) in calls)
    {
        await call();
        var times = new List<double>();
        for (var i = 0; i < options.Repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {times[times.Count / 2]:F1} | {times[^1]:F1} |");
        Console.WriteLine($"{provider}: {name}: median {times[times.Count / 2]:F1} ms");
    }

    report.AppendLine().AppendLine("### Query plans").AppendLine();
    foreach (var plan in await readModel.ExplainAsync(asOf))
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"#### {plan.Name}").AppendLine();
        report.AppendLine("```sql").AppendLine(plan.Sql).AppendLine("```").AppendLine("```").AppendLine(plan.Plan).AppendLine("```").AppendLine();
    }
    await File.WriteAllTextAsync(options.Out, report.ToString());
}

internal sealed record Arguments(StorageProvider Provider, string Connection, DateTimeOffset AsOf, string Out, int Repeat)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        string Required(string name) => Value(name) ?? throw new ArgumentException($"{name} is required.");
        return new Arguments(Enum.Parse<StorageProvider>(Required("--provider"), ignoreCase: true), Required("--connection"),
            DateTimeOffset.Parse(Required("--as-of"), CultureInfo.InvariantCulture), Required("--out"),
            int.Parse(Value("--repeat") ?? "5", CultureInfo.InvariantCulture));
    }
}
