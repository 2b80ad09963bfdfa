using System.Diagnostics;
using System.Globalization;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage;
using Loyalty.Storage.Liability;
using Loyalty.Testing;

// The points liability at scale: fills a database as --members members would (bulk SQL, BulkFill.cs), times the report
// as the API makes it (the counters read, then built into months) over --runs runs, then marks --due members with a
// new entry each and times the projector counting them all. Writes a markdown section to --out (or the console).
//   Loyalty.LiabilityBench --provider Sqlite|PostgreSql [--connection "..."] [--members 1000000] [--entries-per-member 3]
//                          [--due 100000] [--runs 200] [--today yyyy-MM-dd] [--out liability.md]
// Without --connection: a new SQLite file in a temporary folder, or a private PostgreSQL server (initdb, as the tests do).

var options = BenchArguments.Parse(args);
var folder = Directory.CreateTempSubdirectory("loyalty-liability-");
await using var server = options.Provider == StorageProvider.PostgreSql && options.Connection is null ? await PostgreSqlServer.StartAsync() : null;
try
{
    var connection = options.Connection ?? server?.ConnectionString ?? $"Data Source={Path.Combine(folder.FullName, "loyalty.db")}";
    var storage = new LoyaltyStorageOptions { Provider = options.Provider, ConnectionString = connection, CommandTimeoutSeconds = 600 };
    var (counters, projector, database, connections) = LiabilityStores.Open(storage, folder.FullName);
    await using (connections)
    {
        var provider = options.Provider == StorageProvider.PostgreSql ? "PostgreSQL" : "SQLite";
        await database.EnsureSchemaAsync();
        var fill = new BulkFill(options.Provider, connection);
        var clock = Stopwatch.StartNew();
        await fill.FillAsync(options.Members, options.EntriesPerMember, options.Today);
        var filled = clock.Elapsed;
        Console.WriteLine($"{provider}: filled {options.Members:N0} members x {options.EntriesPerMember} entries in {filled.TotalSeconds:F0} s");

        async Task<LiabilityReport> ReportAsync() =>
            LiabilityReport.Build(await counters.ReadAsync(options.Today), options.Today, 0.01m);

        var before = await ReportAsync();
        var times = new List<double>();
        for (var i = 0; i < options.Runs; i++)
        {
            var call = Stopwatch.StartNew();
            await ReportAsync();
            times.Add(call.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];

        var added = await fill.MarkDueAsync(options.Due, options.EntriesPerMember, options.Today);
        clock.Restart();
        var counted = await projector.CatchUpAsync();
        var projecting = clock.Elapsed;
        var after = await ReportAsync();
        if (counted != options.Due || after.Outstanding.Points - before.Outstanding.Points != added)
            throw new InvalidOperationException($"The projector counted {counted} members and {after.Outstanding.Points - before.Outstanding.Points} points; expected {options.Due} and {added}.");

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## {provider}, {options.Members:N0} members").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- filled: {options.Members:N0} members x {options.EntriesPerMember} ledger entries, {before.Months.Count} months outstanding, in {filled.TotalSeconds:F0} s");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- report (counters read and built), {options.Runs} runs after one: p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {times[^1]:F2} ms");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- projector: {counted:N0} due members counted in {projecting.TotalSeconds:F1} s, {counted / projecting.TotalSeconds:N0} members/s (batches of {LiabilityProjector.DefaultBatchSize})");
        Console.Write(report);
        if (options.Out is { } path)
            await File.AppendAllTextAsync(path, report.AppendLine().ToString());
    }
}
finally
{
    folder.Delete(recursive: true);
}
