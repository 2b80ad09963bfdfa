using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>The HTTP ceiling: sequential GETs of an endpoint that does no work (by default <c>/health/live</c>),
/// each awaited before the next, measured like <see cref="LatencyScenario"/>. No purchase can be faster than this
/// on the same host, client and machine.</summary>
internal sealed class CeilingScenario(Arguments options, LoyaltyHttpDriver http)
{
    public async Task<ScenarioResult> Run(CancellationToken cancellation)
    {
        for (var i = 0; i < options.Warmup; i++)
            await Call();

        var samples = new double[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var latency = LatencySummary.Of(samples)!;
        var report = new CeilingReport("ceiling", http.BaseUrl.ToString(), options.Path, options.Count, options.Warmup, latency);
        return new ScenarioResult($"sequential GET {options.Path}: {options.Count}, {latency}", report, Clean: true);

        async Task Call()
        {
            var answer = await http.Get(options.Path, cancellation);
            if (!answer.Ok)
                throw new HttpRequestException($"GET {options.Path}: {answer.Status} {answer.Error}");
        }
    }
}

internal sealed record CeilingReport(string Scenario, string Url, string Path, int Requests, int Warmup, LatencySummary Latency);
