using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>Sequential purchase latency: a fresh member, warm-up purchases, then purchases one after another, each
/// awaited before the next. The member's ledger and stamp card grow through the run.</summary>
internal sealed class LatencyScenario(Arguments options, LoyaltyHttpDriver http)
{
    public async Task<ScenarioResult> Run(CancellationToken cancellation)
    {
        var memberId = "LAT-" + Guid.NewGuid().ToString("N")[..10];
        await http.Enrol(memberId, "Latency probe", cancellation);

        for (var i = 0; i < options.Warmup; i++)
            await Purchase($"W-{i}");

        var samples = new double[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Purchase($"T-{i}");
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var latency = LatencySummary.Of(samples)!;
        var report = new LatencyReport("latency", http.BaseUrl.ToString(), memberId, options.Count, options.Warmup, latency);
        return new ScenarioResult($"sequential purchases: {options.Count}, {latency}", report, Clean: true);

        async Task Purchase(string transactionId)
        {
            var answer = await http.Purchase(memberId, transactionId, cancellation);
            if (!answer.Ok)
                throw new HttpRequestException($"purchase {transactionId}: {answer.Status} {answer.Error}");
        }
    }
}

internal sealed record LatencyReport(string Scenario, string Url, string MemberId, int Purchases, int Warmup, LatencySummary Latency);
