using System.Diagnostics;
using System.Globalization;
using System.Text;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.PendingReleases;
using Loyalty.Storage;
using Loyalty.Storage.PendingPoints;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

// The release of pending points at scale, on a private PostgreSQL server and on a SQLite file:
//  1. a sample of real members each make a sale whose points wait 14 days (their due rows come with the ledger rows);
//  2. the due-time table is filled with --members more rows, due over the 14 days after the sample's;
//  3. a fresh node (no member in memory) runs its scheduler's pass on the sample's release day: releases per second
//     through real member grains, with the whole table beside them; then, with every row due, the claim and the
//     completion of batches of 500, and the plans of the claim's search.
//   dotnet run -c Release --project load-tests/Loyalty.PendingReleases -- [--members 1000000] [--sample 2000] [--batches 20] [--only postgresql|sqlite] [--out FILE]

var options = Arguments.Parse(args);
var report = new StringBuilder();
foreach (var provider in options.Providers)
    report.Append(await Bench.RunAsync(provider, options));
Console.WriteLine(report);
if (options.Out is { } outFile)
    await File.WriteAllTextAsync(outFile, report.ToString());

namespace Loyalty.PendingReleases
{
    internal sealed record Arguments(int Members, int Sample, int Batches, IReadOnlyList<StorageProvider> Providers, string? Out)
    {
        public static Arguments Parse(string[] args)
        {
            int members = 1_000_000, sample = 2000, batches = 20;
            IReadOnlyList<StorageProvider> providers = [StorageProvider.PostgreSql, StorageProvider.Sqlite];
            string? output = null;
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i++])
                {
                    case "--members": members = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--sample": sample = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--batches": batches = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--only": providers = [Enum.Parse<StorageProvider>(value, ignoreCase: true)]; break;
                    case "--out": output = value; break;
                    default: throw new ArgumentException($"unknown option {args[i - 1]}");
                }
            }
            if (members < 1000 || sample < 1 || batches < 1)
                throw new ArgumentException("--members is at least 1000, --sample and --batches at least 1");
            return new Arguments(members, sample, batches, providers, output);
        }
    }

    internal static class Bench
    {
        private static readonly DateTimeOffset SaleTime = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        private const int BatchSize = 500;

        public static async Task<string> RunAsync(StorageProvider provider, Arguments options)
        {
            var name = provider == StorageProvider.PostgreSql ? "PostgreSQL" : "SQLite";
            await using var server = provider == StorageProvider.PostgreSql ? await PostgreSqlServer.StartAsync() : null;
            var folder = Directory.CreateTempSubdirectory("loyalty-pending-").FullName;
            // Two pools (grain storage and the engine's own tables) under the server's 100 connections, as README asks.
            var connection = server is not null
                ? server.ConnectionString + ";Maximum Pool Size=40"
                : $"Data Source={Path.Combine(folder, "loyalty.db")}";
            var table = new DueTable(provider, connection);
            var clock = new FakeTimeProvider(SaleTime);
            var releaseDay = DateOnly.FromDateTime(SaleTime.UtcDateTime).AddDays(BenchNode.PendingDays);
            var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"## {name}").AppendLine();

            // 1. The sample: real members whose sales go pending.
            await using (var node = await BenchNode.StartAsync(provider, connection, clock))
            {
                await Parallel.ForEachAsync(Enumerable.Range(1, options.Sample), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
                {
                    var member = node.Grains.GetGrain<IMemberGrain>($"S-{i}");
                    await member.Enrol(new MemberProfile($"Member {i}", null, null));
                    var sale = await member.Purchase(new Purchase("T-1", "S-01", null, [new PurchaseLine("MUG", "home", 1, 25m)]));
                    if (sale.Value?.Balance != 0)
                        throw new InvalidOperationException("the sale's points did not go pending");
                });
            } // stopping the node copies every ledger outbox, and with it the due rows
            var sampleRows = await table.CountAsync("member_id LIKE 'S-%'");
            Console.WriteLine($"{name}: {sampleRows} sample members due on {releaseDay:yyyy-MM-dd}");

            // 2. The rest of the million, due later.
            var fill = await table.FillAsync(options.Members, releaseDay.AddDays(1), BenchNode.PendingDays);
            Console.WriteLine($"{name}: filled {options.Members} rows in {fill:F1} s");

            // 3. A fresh node: nobody in memory, as on the release day of members nobody touches.
            await using (var node = await BenchNode.StartAsync(provider, connection, clock))
            {
                // The poll of a node on a day nothing is due, the whole table waiting.
                clock.SetUtcNow(new DateTimeOffset(releaseDay.AddDays(-1), new TimeOnly(12, 0), TimeSpan.Zero));
                var idle = await TimeAsync(20, () => node.Due.ClaimAsync(Today(clock), clock.GetUtcNow(), PendingReleaseSchedulerLease, BatchSize));

                // The sample's release day: one pass of the scheduler, through the member grains.
                clock.SetUtcNow(new DateTimeOffset(releaseDay, new TimeOnly(0, 1), TimeSpan.Zero));
                var pass = Stopwatch.StartNew();
                var called = await node.Scheduler.ReleaseDueAsync();
                pass.Stop();
                var left = await table.CountAsync("member_id LIKE 'S-%'");
                var released = 0;
                foreach (var i in Enumerable.Range(1, Math.Min(50, options.Sample)))
                    released += (await node.Grains.GetGrain<IMemberGrain>($"S-{i}").GetAccount())!.Points == 25 ? 1 : 0;
                Console.WriteLine($"{name}: released {called} members in {pass.Elapsed.TotalSeconds:F2} s; {left} sample rows left; {released} of 50 checked hold their points");

                // Every row due: the claim and the completion of batches of 500.
                clock.SetUtcNow(new DateTimeOffset(releaseDay.AddDays(BenchNode.PendingDays + 1), new TimeOnly(0, 1), TimeSpan.Zero));
                var due = await table.CountAsync($"due_day <= {Today(clock).DayNumber}");
                var plan = await table.ClaimPlanAsync(Today(clock), clock.GetUtcNow().ToUnixTimeMilliseconds());
                var claims = new List<double>();
                var completes = new List<double>();
                for (var b = 0; b < options.Batches; b++)
                {
                    var watch = Stopwatch.StartNew();
                    var batch = await node.Due.ClaimAsync(Today(clock), clock.GetUtcNow(), PendingReleaseSchedulerLease, BatchSize);
                    claims.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    await node.Due.CompleteAsync(batch.Select(c => new PendingDueDone(c.MemberId, c.Version, null)).ToList());
                    completes.Add(watch.Elapsed.TotalMilliseconds);
                    if (batch.Count != BatchSize)
                        throw new InvalidOperationException($"a batch claimed {batch.Count} rows");
                }
                var idlePlan = await table.ClaimPlanAsync(releaseDay.AddDays(-1), clock.GetUtcNow().ToUnixTimeMilliseconds());

                report.AppendLine(CultureInfo.InvariantCulture,
                    $"{options.Members:N0} rows in the due-time table (filled in {fill:F1} s), {options.Sample:N0} real members released on their day.").AppendLine();
                report.AppendLine("| measure | value |").AppendLine("| --- | ---: |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| a poll with nothing due (median of 20), ms | {Median(idle):F2} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| one pass releasing {called:N0} untouched members through their grains, s | {pass.Elapsed.TotalSeconds:F2} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| releases per second (activation, release, state write, ledger, due row) | {called / pass.Elapsed.TotalSeconds:F0} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| rows due when the batches are claimed | {due:N0} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| claim of {BatchSize} due rows, median / max of {options.Batches}, ms | {Median(claims):F1} / {claims.Max():F1} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| completion of {BatchSize} rows (deleted), median / max, ms | {Median(completes):F1} / {completes.Max():F1} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| sample rows left after the pass / sample members checked holding their points | {left} / {released} of 50 |");
                report.AppendLine().AppendLine("Plan of the claim's search, every row due:").AppendLine().AppendLine("```").AppendLine(plan).AppendLine("```");
                report.AppendLine().AppendLine("Plan of the claim's search, nothing due:").AppendLine().AppendLine("```").AppendLine(idlePlan).AppendLine("```").AppendLine();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            return report.ToString();
        }

        private static readonly TimeSpan PendingReleaseSchedulerLease = Loyalty.Grains.PendingPoints.PendingReleaseScheduler.Lease;

        private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        private static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        private static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> call)
        {
            await call();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await call();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times;
        }
    }
}
