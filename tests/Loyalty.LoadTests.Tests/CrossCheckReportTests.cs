using Loyalty.LoadTests.Cpu;
using Loyalty.LoadTests.Report;

namespace Loyalty.LoadTests.Tests;

public sealed class CrossCheckReportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("loyalty-crosscheck-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Shows_both_figures_and_whether_they_agree_within_15_percent()
    {
        // c8: 1,000/s against wrk's 1,100/s (within 15%); c32: 2,000/s against 1,500/s (25% apart).
        await Generator(8, 1000, new CpuUse(20, Cpu(generator: 2000, host: 6000, postgres: 4000)));
        await Generator(32, 2000, new CpuUse(20, Cpu(generator: 10000, host: 12000, postgres: 8000)));
        await Wrk(8, requests: 22000, not2xx: 0, new CpuUse(20, Cpu(generator: 1000, host: 6600, postgres: 4400)));
        await Wrk(32, requests: 30000, not2xx: 0, new CpuUse(20, Cpu(generator: 1000, host: 9000, postgres: 6000)));

        var markdown = PerformanceReport.Build(directory);

        var rows = Rows(markdown, "## Cross-check with wrk");
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("| 8 | 1,000 |", rows[0]);
        Assert.Contains("| 1,100 |", rows[0]);
        Assert.EndsWith("| 1.10× | yes |", rows[0]);
        Assert.EndsWith("| 0.75× | **no** |", rows[1]);
        Assert.Contains("| 50% of a core |", rows[1]);
        Assert.Contains("At 32 they differ by 25%, more than 15%.", markdown);
        Assert.Contains("the load generator used 50% of a core and wrk 5%", markdown);
        Assert.Contains("a purchase cost the engine 300 µs of CPU under the generator and 300 µs under wrk", markdown);
        // (10 + 12 + 8 s) / 40,000 purchases against (1 + 9 + 6 s) / 30,000.
        Assert.Contains("the three together 750 µs and 533 µs", markdown);
    }

    [Fact]
    public async Task With_the_generator_run_again_after_wrk_wrk_is_compared_with_the_mean_of_the_two_runs()
    {
        // Before wrk 1,000/s, after it 1,400/s: wrk's 1,300/s is 1.08× their mean (1.30× the run before alone).
        await Generator(32, 1000, null);
        await Wrk(32, requests: 26000, not2xx: 0, null);
        await Generator(32, 1400, null, "again");

        var markdown = PerformanceReport.Build(directory);

        var row = Assert.Single(Rows(markdown, "## Cross-check with wrk"));
        Assert.StartsWith("| 32 | 1,000 |", row);
        Assert.Contains("| 1,400 | 1,300 |", row);
        Assert.EndsWith("| 1.08× | yes |", row);
        // The run again is not one of the sweep's: the sweep keeps the run before wrk's.
        Assert.StartsWith("| 32 | 1,000 |", Assert.Single(Rows(markdown, "## Purchases on PostgreSQL, closed loop")));
    }

    [Fact]
    public async Task A_wrk_run_with_answers_not_2xx_says_so_and_is_counted_by_its_2xx()
    {
        await Generator(32, 2000, null);
        await Wrk(32, requests: 40000, not2xx: 400, null);

        var markdown = PerformanceReport.Build(directory);

        var row = Assert.Single(Rows(markdown, "## Cross-check with wrk"));
        Assert.Contains("| 1,980 |", row);
        Assert.Contains("| 400 |", row);
        Assert.Contains("At 32, wrk saw 400 answers that were not 2xx and 0 socket errors out of 40,000", markdown);
    }

    [Fact]
    public async Task Cpu_time_per_request_of_every_run_that_recorded_it()
    {
        await Generator(32, 2000, new CpuUse(20, Cpu(generator: 10000, host: 12000, postgres: 8000)));
        await Wrk(32, requests: 40000, not2xx: 0, new CpuUse(20, Cpu(generator: 1000, host: 10000, postgres: 6000)));

        var rows = Rows(PerformanceReport.Build(directory), "## CPU time per request");

        Assert.Equal(2, rows.Length);
        Assert.Equal("| `purchase.engine-pg.c32.json` | engine, PostgreSQL | purchase=100 | closed 32 | Loyalty.LoadTests | 2,000 | 300 µs | 200 µs | 250 µs | 50% of a core |", rows[0]);
        Assert.Equal("| `wrk.engine-pg.c32.txt` | engine, PostgreSQL | purchase=100 | closed 32 | wrk | 2,000 | 250 µs | 150 µs | 25 µs | 5% of a core |", rows[1]);
    }

    [Fact]
    public void No_wrk_runs_no_section() =>
        Assert.DoesNotContain("Cross-check", PerformanceReport.Build(directory));

    private static SortedDictionary<string, double> Cpu(double generator, double host, double postgres) =>
        new(StringComparer.Ordinal) { ["generator"] = generator, ["host"] = host, ["postgres"] = postgres };

    private Task Generator(int concurrency, double throughput, CpuUse? cpu, string prefix = "purchase")
    {
        var latency = new LatencySummary(100, 0.1, 5, 8, 20, 40);
        var overall = new OperationFigures((long)(throughput * 20), (long)(throughput * 20), 0, 0, 0, throughput, latency);
        var report = new LoadReport("load", "http://127.0.0.1:1/", "closed", concurrency, null, null, 2000, "perf", true, 0,
            MemberDistribution.Uniform, null, 1, "purchase=100", 5, 20, false, throughput, overall,
            new SortedDictionary<string, OperationFigures>(StringComparer.Ordinal) { ["purchase"] = overall },
            new SortedDictionary<string, long>(StringComparer.Ordinal), []) { Cpu = cpu };
        return new ScenarioResult("", report, true).WriteJson(Path.Combine(directory, $"{prefix}.engine-pg.c{concurrency}.json"), CancellationToken.None);
    }

    private async Task Wrk(int concurrency, long requests, long not2xx, CpuUse? cpu)
    {
        var name = $"wrk.engine-pg.c{concurrency}";
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".txt"),
            $"wrk_requests={requests}\nwrk_seconds=20.000\nwrk_not_2xx={not2xx}\nwrk_socket_errors=0\nwrk_p50_ms=4.5\nwrk_p99_ms=18\n");
        if (cpu is not null)
            await new ScenarioResult("", cpu, true).WriteJson(Path.Combine(directory, name + ".cpu.json"), CancellationToken.None);
    }

    /// <summary>The table rows of a section, its header and separator left out.</summary>
    private static string[] Rows(string markdown, string heading)
    {
        var section = markdown[markdown.IndexOf(heading, StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", heading.Length, StringComparison.Ordinal);
        return (next < 0 ? section : section[..next]).Split('\n')
            .Where(l => l.StartsWith('|'))
            .Skip(2)
            .ToArray();
    }
}
