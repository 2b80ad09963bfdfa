using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>
/// The member lookup a till makes when a customer shows a card or gives an e-mail address: <see cref="Arguments.Count"/>
/// sequential <c>GET /api/members/lookup</c>, each awaited before the next and each of another member (no answer is
/// served from a warm cache of the same identifier), alternately by card and by e-mail. The members are enrolled
/// first (with an e-mail address and a card, 8 at a time) and are not measured. The peer, in the same run: each lookup
/// is followed by a read of another member's account (<c>GET /api/members/{id}</c>, served from the grain's memory), so
/// both see the same conditions. Reports both latencies and the load generator's own CPU over the measured calls.
/// </summary>
internal sealed class LookupScenario(Arguments options, LoyaltyHttpDriver http)
{
    private const int EnrolConcurrency = 8;

    public async Task<ScenarioResult> Run(CancellationToken cancellation)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = Enumerable.Range(0, options.Warmup + options.Count).Select(i => $"L{run}-{i}").ToArray();
        var paths = new string[members.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Length),
            new ParallelOptions { MaxDegreeOfParallelism = EnrolConcurrency, CancellationToken = cancellation },
            async (i, token) =>
            {
                var email = $"{members[i].ToLowerInvariant()}@example.org";
                var card = await http.EnrolWithCard(members[i], "Lookup", email, token);
                paths[i] = i % 2 == 0 ? $"/api/members/lookup?card={card}" : $"/api/members/lookup?email={Uri.EscapeDataString(email)}";
            });

        for (var i = 0; i < options.Warmup; i++)
            await Call(paths[i]);

        var samples = new double[options.Count];
        var peer = new double[options.Count];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < options.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Call(paths[options.Warmup + i]);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            await Call($"/api/members/{members[(options.Warmup + i + 1) % members.Length]}");
            peer[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var latency = LatencySummary.Of(samples)!;
        var accountRead = LatencySummary.Of(peer)!;
        var generator = new GeneratorCpu(Math.Round(cpu.TotalMilliseconds, 1), Math.Round(wall.Elapsed.TotalMilliseconds, 1),
            Math.Round(cpu.TotalMilliseconds / (2 * options.Count), 3), Math.Round(cpu / wall.Elapsed * 100, 1));
        var report = new LookupReport("lookup", http.BaseUrl.ToString(), options.Count, options.Warmup, latency, accountRead, generator);
        return new ScenarioResult(FormattableString.Invariant(
            $"sequential lookups (card and e-mail, each of another member): {options.Count}, {latency}; the peer, account reads in between: {accountRead}; load generator CPU {generator.CpuMilliseconds:0} ms over {generator.WallMilliseconds:0} ms ({generator.CpuMillisecondsPerCall:0.000} ms a call, {generator.PercentOfOneCore:0.0}% of one core)"),
            report, Clean: true);

        async Task Call(string path)
        {
            var answer = await http.Get(path, cancellation);
            if (!answer.Ok)
                throw new HttpRequestException($"GET {path}: {answer.Status} {answer.Error}");
        }
    }
}

/// <summary>The load generator's own CPU over the measured calls: in total, per call, and as a share of one core.</summary>
internal sealed record GeneratorCpu(double CpuMilliseconds, double WallMilliseconds, double CpuMillisecondsPerCall, double PercentOfOneCore);

internal sealed record LookupReport(string Scenario, string Url, int Requests, int Warmup, LatencySummary Latency,
    LatencySummary AccountRead, GeneratorCpu GeneratorCpu);
