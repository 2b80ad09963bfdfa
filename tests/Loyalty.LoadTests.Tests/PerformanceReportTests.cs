using System.Text.Json;
using Loyalty.LoadTests.Report;

namespace Loyalty.LoadTests.Tests;

public sealed class PerformanceReportTests : IDisposable
{
    private const string Pgbench15 = """
        pgbench (15.18 (Debian 15.18-0+deb12u1))
        starting vacuum...end.
        transaction type: <builtin: simple update>
        scaling factor: 10
        query mode: simple
        number of clients: 8
        number of threads: 2
        maximum number of tries: 1
        duration: 20 s
        number of transactions actually processed: 40000
        number of failed transactions: 0 (0.000%)
        latency average = 4.000 ms
        initial connection time = 12.345 ms
        tps = 2000.000000 (without initial connection time)
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("loyalty-report-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Targets_show_each_measured_figure_against_its_goal()
    {
        await WriteFullRun();

        var markdown = PerformanceReport.Build(directory);
        var rows = TargetRows(markdown);

        // 1: 3,000 reads/s vs 5,000 no-op GETs/s.
        Assert.Contains("3,000 reads/s", rows["1"]);
        Assert.Contains("5,000 no-op GETs/s", rows["1"]);
        Assert.Contains("**0.60×**", rows["1"]);
        Assert.EndsWith("| **pass** |", rows["1"]);

        // 2a: the engine's peak is 900/s at p99 40 ms (c32); the baseline's best at p99 <= 40 ms is 400/s (c8), not
        // its 500/s at p99 90 ms (c32): 900 / 400 = 2.25.
        Assert.Contains("engine 900/s, p99 40.0 ms (closed 32)", rows["2a"]);
        Assert.Contains("400/s, p99 30.0 ms (closed 8)", rows["2a"]);
        Assert.Contains("**2.25×**", rows["2a"]);
        Assert.EndsWith("| **pass** |", rows["2a"]);

        // 2b: p99 25 ms at 450/s misses p99 < 20 ms.
        Assert.Contains("**p99 25.0 ms** at 450/s (peak 900/s)", rows["2b"]);
        Assert.EndsWith("| **miss** |", rows["2b"]);

        // 3: 1,200/s on one member misses 4,000/s.
        Assert.Contains("**1,200/s**", rows["3"]);
        Assert.Contains("≥ 4,000/s", rows["3"]);
        Assert.EndsWith("| **miss** |", rows["3"]);

        // 4: 600 purchases/s at 8 tills vs pgbench's 2,000 tps: 0.30.
        Assert.Contains("engine 600 purchases/s (closed 8", rows["4"]);
        Assert.Contains("pgbench 2,000 tps (8 clients", rows["4"]);
        Assert.Contains("**0.30×**", rows["4"]);
        Assert.EndsWith("| **miss** |", rows["4"]);

        // 5: p99 30 ms from the answer to the event, nothing lost.
        Assert.Contains("1,000 purchases/s (open loop) over 1,000 watchers", rows["5"]);
        Assert.Contains("**p99 30.0 ms**", rows["5"]);
        Assert.Contains("due time → event p99 45.0 ms", rows["5"]);
        Assert.Contains("995/s answered", rows["5"]);
        Assert.EndsWith("| **pass** |", rows["5"]);
    }

    [Fact]
    public async Task The_header_gives_the_machine_the_command_and_the_run()
    {
        await WriteFullRun();

        var markdown = PerformanceReport.Build(directory);

        Assert.Contains("| date | 2026-01-02 03:04 UTC (took 21 min 30 s) |", markdown);
        Assert.Contains("| command | `load-tests/run.sh` |", markdown);
        Assert.Contains("| machine | 2 cores, 24.0 GiB, Example CPU 2.1 GHz |", markdown);
        Assert.Contains("| OS | Debian GNU/Linux 12 (bookworm) |", markdown);
        Assert.Contains("| .NET | 10.0.12 |", markdown);
        Assert.Contains("| PostgreSQL | 15.18 (fsync on) |", markdown);
        Assert.Contains("a population of 20,000 members per database", markdown);
        Assert.Contains("20 s measured per run after 5 s of warm-up", markdown);
    }

    [Fact]
    public async Task The_other_sections_hold_the_sweep_sqlite_memory_and_every_run()
    {
        await WriteFullRun();

        var markdown = PerformanceReport.Build(directory);

        Assert.Contains("| 8 | 600 | 10.0 ms | 30.0 ms | 400 | 12.0 ms | 30.0 ms | 1.50× |", markdown);
        Assert.Contains("| 32 | 900 | 20.0 ms | 40.0 ms | 500 | 30.0 ms | 90.0 ms | 1.80× |", markdown);
        Assert.Contains("| engine, SQLite | closed 16 | 700 |", markdown);
        Assert.Contains("| SQL baseline, SQLite | closed 16 | 1,400 |", markdown);
        Assert.Contains("0.50× the throughput", markdown);
        Assert.Contains("| emptyGrainBytes | 1,234 |", markdown);
        Assert.Contains("| memberGrainBytes | 5,678.5 |", markdown);
        Assert.Contains("| meetsTarget | no |", markdown);
        Assert.Contains("| afterMembers.liveBytes | 123,456,789 |", markdown);
        Assert.DoesNotContain("machine.runtime", markdown);
        Assert.Contains("| engine, PostgreSQL | purchase (`latency`) | 1,000 | 2.50 ms |", markdown);
        Assert.Contains("`purchase.engine-pg.open.json`", markdown);
        Assert.Contains("- [hot.engine-pg.png](hot.engine-pg.png)", markdown);
        Assert.DoesNotContain("## Problems", markdown);
    }

    [Fact]
    public async Task A_run_with_errors_or_lost_events_misses_its_target_whatever_its_figure()
    {
        await WriteFullRun();
        await Load("read.engine-pg.json", "load", "read=100", 16, null, 3000, 1, 2, 5, 9, errors: 3);
        await Push(p99: 30, missing: 2);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Problems), "reads: exit code 1\n");

        var markdown = PerformanceReport.Build(directory);
        var rows = TargetRows(markdown);

        Assert.Contains("**0.60×**", rows["1"]);
        Assert.EndsWith("| **miss** |", rows["1"]);
        Assert.Contains("2 missing", rows["5"]);
        Assert.EndsWith("| **miss** |", rows["5"]);
        Assert.Contains("## Problems during the run", markdown);
        Assert.Contains("- reads: exit code 1", markdown);
    }

    [Fact]
    public async Task Targets_without_their_files_are_not_measured()
    {
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench), "connection to server failed");
        await Load("purchase.engine-pg.c8.json", "load", "purchase=100", 8, null, 600, 10, 20, 30, 50);

        var rows = TargetRows(PerformanceReport.Build(directory));

        Assert.Equal(6, rows.Count);
        Assert.All(rows.Values, row => Assert.EndsWith("| not measured |", row));
    }

    [Fact]
    public void Comparable_baseline_falls_back_to_its_lowest_p99_when_none_is_as_low_as_the_engines()
    {
        LoadRun Run(int concurrency, double throughput, double p99) =>
            new("f.json", "load", "x", "closed", concurrency, null, null, 20, throughput, 1, 0, 0, 1, 2, p99, p99);

        var (engine, baseline, sameP99) = PerformanceReport.Comparable(
            [Run(8, 100, 5), Run(32, 300, 10)],
            [Run(8, 200, 12), Run(32, 250, 40)])!.Value;

        Assert.Equal((300.0, 200.0, false), (engine.Throughput, baseline.Throughput, sameP99));
        Assert.Null(PerformanceReport.Comparable([Run(8, 100, 5)], []));
    }

    [Theory]
    [InlineData(Pgbench15, 2000.0)]
    [InlineData("tps = 812.25 (including connections establishing)\ntps = 815.5 (excluding connections establishing)\n", 815.5)]
    [InlineData("tps = 99.0 (including reconnection times)\n", null)]
    [InlineData("", null)]
    public void Pgbench_tps_is_the_figure_without_connection_time(string output, double? tps) =>
        Assert.Equal(tps, PgbenchOutput.Tps(output));

    [Fact]
    public void Run_info_is_key_value_lines()
    {
        var info = RunInfo.Parse("# comment\ncores=2\r\ncpu=AMD EPYC 7B13 = fast\nempty=\nnot a pair\n");

        Assert.Equal(2, info.Number("cores"));
        Assert.Equal("AMD EPYC 7B13 = fast", info["cpu"]);
        Assert.Null(info["empty"]);
        Assert.Null(info["missing"]);
    }

    [Fact]
    public async Task The_report_command_writes_report_md_into_the_folder()
    {
        await WriteFullRun();

        var status = await ReportCommand.Run([directory]);

        Assert.Equal(0, status);
        Assert.Contains("## Targets", File.ReadAllText(Path.Combine(directory, ResultFiles.Report)));
        Assert.Equal(2, await ReportCommand.Run([]));
        Assert.Equal(2, await ReportCommand.Run([Path.Combine(directory, "missing")]));
    }

    /// <summary>The target rows of the report by their number.</summary>
    private static Dictionary<string, string> TargetRows(string markdown)
    {
        var section = markdown[markdown.IndexOf("## Targets", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return section.Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| #", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal))
            .ToDictionary(l => l.Split('|')[1].Trim(), l => l.TrimEnd());
    }

    private async Task WriteFullRun()
    {
        File.WriteAllText(Path.Combine(directory, ResultFiles.RunInfo), """
            started=2026-01-02T03:04:05Z
            command=load-tests/run.sh
            mode=full
            members=20000
            duration=20
            warmup=5
            cores=2
            memory_kib=25165824
            cpu=Example CPU 2.1 GHz
            os=Debian GNU/Linux 12 (bookworm)
            dotnet=10.0.12
            postgres=15.18
            postgres_settings=fsync on
            loadavg_start=0.50
            finished=2026-01-02T03:25:35Z
            loadavg_end=1.50
            """);

        await Load(ResultFiles.Reads, "load", "read=100", 16, null, 3000, 1, 2, 5, 9);
        await Load(ResultFiles.Live, "load", "live=100", 16, null, 5000, 0.5, 1, 2, 4);
        await Load("purchase.engine-pg.c8.json", "load", "purchase=100", 8, null, 600, 10, 20, 30, 50);
        await Load("purchase.engine-pg.c32.json", "load", "purchase=100", 32, null, 900, 20, 30, 40, 60);
        await Load("purchase.baseline-pg.c8.json", "load", "purchase=100", 8, null, 400, 12, 20, 30, 45);
        await Load("purchase.baseline-pg.c32.json", "load", "purchase=100", 32, null, 500, 30, 60, 90, 120);
        await Load(ResultFiles.HalfPeak, "load", "purchase=100", null, 450, 450, 8, 15, 25, 70);
        await Load(ResultFiles.Hot, "hot", "purchase=1", 16, null, 1200, 12, 15, 20, 30);
        await Load("purchase.engine-sqlite.c16.json", "load", "purchase=100", 16, null, 700, 20, 30, 60, 90);
        await Load("purchase.baseline-sqlite.c16.json", "load", "purchase=100", 16, null, 1400, 9, 12, 20, 40);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench), Pgbench15);
        await Push(p99: 30, missing: 0);
        await Write("latency.engine-pg.json", new LatencyReport("latency", "http://127.0.0.1:1/", "LAT-1", 1000, 100,
            new LatencySummary(1000, 1, 2.5, 3, 8, 12)));
        File.WriteAllText(Path.Combine(directory, ResultFiles.Memory), """
            { "members": 100000, "emptyGrainBytes": 1234, "memberGrainBytes": 5678.5, "meetsTarget": false,
              "afterMembers": { "liveBytes": 123456789 }, "machine": { "runtime": ".NET 10" }, "note": "text" }
            """);
        File.WriteAllBytes(Path.Combine(directory, "hot.engine-pg.png"), [0x89, 0x50]);
    }

    private async Task Load(string file, string scenario, string mix, int? concurrency, int? rate, double throughput,
        double p50, double p90, double p99, double max, long errors = 0, long dropped = 0)
    {
        var latency = new LatencySummary(100, 0.1, p50, p90, p99, max);
        var overall = new OperationFigures(1000, 1000 - errors, 0, errors, dropped, throughput, latency);
        await Write(file, new LoadReport(scenario, "http://127.0.0.1:1/", rate is null ? "closed" : "open", concurrency, rate,
            rate is null ? null : 1000, 20000, "perf", true, 0, MemberDistribution.Uniform, null, 1, mix, 5, 20, false,
            throughput, overall, new SortedDictionary<string, OperationFigures>(StringComparer.Ordinal) { ["purchase"] = overall },
            new SortedDictionary<string, long>(StringComparer.Ordinal), []));
    }

    private async Task Push(double p99, int missing)
    {
        var afterResponse = new LatencySummary(18_000, -1, 2, 10, p99, 80);
        var afterDue = new LatencySummary(18_000, 1, 5, 20, 45, 120);
        await Write(ResultFiles.Push, new PushReport("push", "http://127.0.0.1:1/", PushProtocol.Json, 1000, 32, "open", 1000, 1000,
            20_000, 0, 0, null, 20_000 - missing, missing, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20_000, 2_000, 0, 0, null, 0,
            "memberId,sequence", 3.5, 20.1, 995, afterDue, afterResponse, afterDue, afterDue));
    }

    private Task Write(string file, object report) =>
        new ScenarioResult("", report, true).WriteJson(Path.Combine(directory, file), CancellationToken.None);
}

public class MemoryFieldsTests
{
    [Fact]
    public void Numeric_and_yes_no_fields_are_listed_top_level_first_then_nested()
    {
        using var json = JsonDocument.Parse("""{ "b": { "x": 1.5 }, "a": 2, "ok": true, "name": "n", "list": [1, 2] }""");
        var fields = new List<string[]>();

        PerformanceReport.Flatten(json.RootElement, "", fields);

        Assert.Equal(["a=2", "ok=yes", "b.x=1.5"], fields.Select(f => $"{f[0]}={f[1]}"));
    }
}
