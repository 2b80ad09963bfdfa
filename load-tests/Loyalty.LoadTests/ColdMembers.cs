using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Loyalty.LoadTests;

/// <summary>
/// The first purchase of members that are not active: <c>cold --write DIR</c> writes the import files of
/// <c>--members</c> members (<c>COLD-00001</c>…) with <c>--days</c> days of history, a sale a day ending an hour before
/// <c>--as-of</c>; once they are imported (<c>Loyalty.Server import</c>) and the engine restarted, <c>cold</c> sends one
/// purchase to each of them, from <c>--tills</c> tills at once, each member once, and reports the latency of those first
/// purchases. With <c>--warmup W</c>, W more members (written too: <c>--write</c> with <c>--members</c> N + W) are sent
/// theirs first, not counted: they take the engine's own start (compiling the code of a purchase) out of the figures.
/// <c>--settle S</c> then waits S seconds before the timed members, for the runtime to finish compiling the hot code
/// in the background (an engine that has served for a while has; a freshly started one spends most of its CPU on it).
/// <c>--first K</c> starts at member number K (from 0), so that one import serves several runs, each after a restart.
/// Every purchase has a transaction id of its own: none is a replay.
/// </summary>
internal static class ColdMembers
{
    public const string Usage =
        "usage: Loyalty.LoadTests cold --write DIR [--members 2000] [--days 365] [--as-of 2026-01-01T12:00:00Z]\n" +
        "       Loyalty.LoadTests cold [--url http://localhost:5080] [--key dev-till-key] [--first 0] [--members 2000] [--warmup 0] [--settle 0] [--tills 8] [--json FILE] [--samples FILE]";

    private static readonly string[] Names = ["--write", "--members", "--days", "--as-of", "--url", "--key", "--warmup", "--settle", "--tills", "--json", "--samples", "--first"];

    public static async Task<int> Run(string[] args)
    {
        var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (args.Length % 2 != 0 || options.Keys.Any(k => !Names.Contains(k)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var members = Whole(options, "--members", 2000);
        if (options.TryGetValue("--write", out var directory))
        {
            var asOf = options.TryGetValue("--as-of", out var a)
                ? DateTimeOffset.Parse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : DateTimeOffset.UtcNow;
            var days = Whole(options, "--days", 365);
            Write(directory, members, days, asOf);
            Console.WriteLine($"wrote {members} members and {members * days} sales ({days} days each, ending {asOf.AddHours(-1):u}) to {directory}");
            return 0;
        }
        var url = new Uri(options.GetValueOrDefault("--url", "http://localhost:5080"));
        using var http = new LoyaltyHttpDriver(url, options.GetValueOrDefault("--key", "dev-till-key"));
        var settle = TimeSpan.FromSeconds(Whole(options, "--settle", 0));
        var result = await Measure(http, Whole(options, "--first", 0), Whole(options, "--warmup", 0), settle, members, Whole(options, "--tills", 8),
            options.GetValueOrDefault("--samples"));
        Console.WriteLine(result.Summary);
        if (options.TryGetValue("--json", out var json))
            await result.WriteJson(json, CancellationToken.None);
        return result.Clean ? 0 : 1;
    }

    public static string MemberId(int i) => FormattableString.Invariant($"COLD-{i + 1:00000}");

    /// <summary>members.ndjson and sales.ndjson, in the import API's format; the sales sorted by member (one call each).</summary>
    private static void Write(string directory, int members, int days, DateTimeOffset asOf)
    {
        Directory.CreateDirectory(directory);
        var last = asOf.AddHours(-1);
        using var memberFile = new StreamWriter(Path.Combine(directory, "members.ndjson"));
        using var salesFile = new StreamWriter(Path.Combine(directory, "sales.ndjson"));
        for (var m = 0; m < members; m++)
        {
            var memberId = MemberId(m);
            memberFile.WriteLine(JsonSerializer.Serialize(new { memberId, name = $"Cold member {m + 1}", enrolledAt = last.AddDays(-days - 1) }));
            for (var d = days - 1; d >= 0; d--)
                salesFile.WriteLine(JsonSerializer.Serialize(new
                {
                    memberId,
                    transactionId = $"{memberId}-H{d:000}",
                    occurredAt = last.AddDays(-d).AddMinutes(-(m % 600)),
                    storeId = "S-01",
                    lines = new object[]
                    {
                        new { sku = "LATTE", category = "coffee", quantity = 1, unitPrice = 3.20m },
                        new { sku = "CROISSANT", category = "bakery", quantity = 1, unitPrice = 2.10m },
                    },
                }));
        }
    }

    /// <summary>One purchase to each member from number <paramref name="firstMember"/> on: the first
    /// <paramref name="warmup"/> not counted, a pause of <paramref name="settle"/>, then <paramref name="members"/> timed;
    /// with <paramref name="samplesFile"/>, each timed purchase's start (ms into the timed part), latency and member there.</summary>
    private static async Task<ScenarioResult> Measure(LoyaltyHttpDriver http, int firstMember, int warmup, TimeSpan settle, int members, int tills,
        string? samplesFile)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var samples = new double[warmup + members];
        var starts = new double[warmup + members];
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        foreach (var (first, count, timed) in new[] { (0, warmup, false), (warmup, members, true) })
        {
            if (timed && settle > TimeSpan.Zero)
                await Task.Delay(settle);
            clock.Restart();
            var next = first - 1;
            await Task.WhenAll(Enumerable.Range(0, tills).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < first + count; i = Interlocked.Increment(ref next))
                {
                    var started = Stopwatch.GetTimestamp();
                    starts[i] = clock.Elapsed.TotalMilliseconds;
                    var answer = await http.Purchase(MemberId(firstMember + i), $"COLD-{run}-{i}", CancellationToken.None);
                    samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!answer.Ok && Interlocked.Increment(ref failures) == 1)
                        firstFailure = $"{MemberId(firstMember + i)}: {answer.Status} {answer.Error}";
                }
            }));
        }
        if (samplesFile is not null)
            await File.WriteAllLinesAsync(samplesFile, Enumerable.Range(warmup, members)
                .Select(i => FormattableString.Invariant($"{starts[i]:0.000} {samples[i]:0.000} {MemberId(firstMember + i)}")));
        var latency = LatencySummary.Of(samples[warmup..])!;
        var report = new ColdReport("cold", http.BaseUrl.ToString(), members, warmup, settle.TotalSeconds, tills, clock.Elapsed.TotalSeconds, failures, latency);
        var summary = FormattableString.Invariant(
            $"first purchases of {members} inactive members (after {warmup} not counted and {settle.TotalSeconds:0} s) from {tills} tills in {clock.Elapsed.TotalSeconds:0.0} s, {failures} failed: {latency}");
        return new ScenarioResult(firstFailure is null ? summary : $"{summary}\nfirst failure: {firstFailure}", report, Clean: failures == 0);
    }

    private static int Whole(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

internal sealed record ColdReport(string Scenario, string Url, int Members, int Warmup, double SettleSeconds, int Tills, double Seconds, int Failures, LatencySummary Latency);
