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

    private const string Pgbench15At32 = """
        pgbench (15.18 (Debian 15.18-0+deb12u1))
        transaction type: <builtin: simple update>
        scaling factor: 10
        number of clients: 32
        number of threads: 2
        duration: 20 s
        number of transactions actually processed: 8000
        tps = 400.000000 (without initial connection time)
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("loyalty-report-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Targets_show_each_measured_figure_against_its_goal()
    {
        await WriteFullRun();

        var markdown = PerformanceReport.Build(directory);
        var rows = TargetRows(markdown);

        // 1a: 3,000 reads/s vs 5,000 no-op GETs/s on PostgreSQL meets 0.6× just; 1b: 2,000 vs 5,000 on SQLite does not.
        Assert.Contains("engine on PostgreSQL", rows["1a"]);
        Assert.Contains("3,000 reads/s", rows["1a"]);
        Assert.Contains("5,000 no-op GETs/s", rows["1a"]);
        Assert.Contains("**0.60×**", rows["1a"]);
        Assert.Contains("≥ 0.60× the ceiling", rows["1a"]);
        Assert.EndsWith("| **pass** |", rows["1a"]);
        Assert.Contains("engine on SQLite", rows["1b"]);
        Assert.Contains("2,000 reads/s (p99 6.00 ms) vs 5,000 no-op GETs/s (p99 2.00 ms) at closed 16 vs closed 16: **0.40×**", rows["1b"]);
        Assert.EndsWith("| **miss** |", rows["1b"]);

        // 2a: the engine's peak is 900/s at p99 40 ms (c32); the baseline's best at p99 <= 40 ms is 400/s (c8), not
        // its 500/s at p99 90 ms (c32): 900 / 400 = 2.25.
        Assert.Contains("engine 900/s, p99 40.0 ms (closed 32)", rows["2a"]);
        Assert.Contains("400/s, p99 30.0 ms (closed 8)", rows["2a"]);
        Assert.Contains("**2.25×**", rows["2a"]);
        Assert.EndsWith("| **pass** |", rows["2a"]);

        // 2b: p99 25 ms at 450/s misses p99 < 20 ms.
        Assert.Contains("**p99 25.0 ms** at 450/s (peak 900/s)", rows["2b"]);
        Assert.EndsWith("| **miss** |", rows["2b"]);

        // 3: 1,200/s then 1,140/s on one member: far from 4,000/s, though the second is 0.95× the first.
        Assert.Contains("first **1,200/s** over 60 s (p50 12.0 ms, p99 20.0 ms); second **1,140/s** over 60 s", rows["3"]);
        Assert.Contains("**0.95×**", rows["3"]);
        Assert.Contains("both ≥ 4,000/s, the second ≥ 0.90× the first", rows["3"]);
        Assert.EndsWith("| **miss** |", rows["3"]);

        // 4a: 600 purchases/s at 8 tills vs pgbench's 2,000 tps: 0.30.
        Assert.Contains("engine 600 purchases/s (closed 8", rows["4a"]);
        Assert.Contains("pgbench 2,000 tps (8 clients", rows["4a"]);
        Assert.Contains("**0.30×**", rows["4a"]);
        Assert.EndsWith("| **miss** |", rows["4a"]);

        // 4b: 900 purchases/s at 32 tills vs pgbench's 400 tps at 32 clients: 2.25.
        Assert.Contains("`pgbench -N -c 32`", rows["4b"]);
        Assert.Contains("engine 900 purchases/s (closed 32, p99 40.0 ms) vs pgbench 400 tps (32 clients, without connection time): **2.25×**", rows["4b"]);
        Assert.Contains("≥ 2.00× pgbench", rows["4b"]);
        Assert.EndsWith("| **pass** |", rows["4b"]);

        // 5: p99 30 ms from the answer to the event, nothing lost.
        Assert.Contains("2,000 purchases/s (open loop) over 1,000 watchers", rows["5"]);
        Assert.Contains("**p99 30.0 ms**", rows["5"]);
        Assert.Contains("due time → event p99 45.0 ms", rows["5"]);
        Assert.Contains("1,990/s answered", rows["5"]);
        Assert.Contains("p99 < 50 ms, no event missing", rows["5"]);
        Assert.EndsWith("| **pass** |", rows["5"]);

        // 6a: cold members on PostgreSQL, p99 12 ms; 6b: on SQLite, p99 35 ms.
        Assert.Contains("the first purchase of each of 2,000 inactive members with 365 days of history, after a restart, engine on PostgreSQL (`cold.sh`, 8 tills at once)", rows["6a"]);
        Assert.Contains("p50 4.00 ms, **p99 12.0 ms**, max 30.0 ms; 0 failed", rows["6a"]);
        Assert.EndsWith("| p99 < 20 ms | **pass** |", rows["6a"]);
        Assert.Contains("engine on SQLite", rows["6b"]);
        Assert.Contains("**p99 35.0 ms**", rows["6b"]);
        Assert.EndsWith("| **miss** |", rows["6b"]);
    }

    [Theory]
    [InlineData(5000, 4600, true, "**0.92×**", "**pass**")]
    [InlineData(5000, 4400, true, "**0.88×**", "**miss**")]   // both above 4,000/s, the second slower by more than a tenth
    [InlineData(4400, 3900, true, "**0.89×**", "**miss**")]   // the second below 4,000/s
    [InlineData(3000, 3000, true, "**1.00×**", "**miss**")]   // both below 4,000/s
    [InlineData(5000, 5000, false, "not on the first's member", "**miss**")]
    public async Task Hot_member_needs_both_runs_at_4000_per_second_and_the_second_within_a_tenth_of_the_first(
        double first, double second, bool sameMember, string shown, string verdict)
    {
        await Load(ResultFiles.Hot, "hot", "purchase=1", 16, null, first, 2, 3, 4, 9, populationId: "perf", reused: false, duration: 60);
        await Load(ResultFiles.HotSecond, "hot", "purchase=1", 16, null, second, 2, 3, 4, 9,
            populationId: sameMember ? "perf" : "other", reused: sameMember, duration: 60);

        var row = TargetRows(PerformanceReport.Build(directory))["3"];

        Assert.Contains(shown, row);
        Assert.EndsWith($"| {verdict} |", row);
    }

    [Fact]
    public async Task Hot_member_without_its_second_run_is_not_measured_unless_the_first_already_misses()
    {
        await Load(ResultFiles.Hot, "hot", "purchase=1", 16, null, 4500, 2, 3, 4, 9, duration: 60);

        var row = TargetRows(PerformanceReport.Build(directory))["3"];

        Assert.Contains("first **4,500/s** over 60 s", row);
        Assert.Contains("second run not measured", row);
        Assert.EndsWith("| not measured |", row);

        await Load(ResultFiles.Hot, "hot", "purchase=1", 16, null, 3500, 2, 3, 4, 9, duration: 60);

        Assert.EndsWith("| **miss** |", TargetRows(PerformanceReport.Build(directory))["3"]);
    }

    [Fact]
    public async Task Purchases_at_32_tills_below_twice_pgbench_at_32_clients_miss()
    {
        await Load("purchase.engine-pg.c32.json", "load", "purchase=100", 32, null, 700, 20, 30, 40, 60);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench(32)), Pgbench15At32);

        var row = TargetRows(PerformanceReport.Build(directory))["4b"];

        Assert.Contains("**1.75×**", row);
        Assert.EndsWith("| **miss** |", row);
    }

    [Fact]
    public async Task Pgbench_runs_are_told_apart_by_their_number_of_clients_whatever_the_file_name()
    {
        // An earlier run's pgbench.txt (8 clients) and the 32 clients' output under another name.
        await Load("purchase.engine-pg.c8.json", "load", "purchase=100", 8, null, 1800, 10, 20, 30, 50);
        await Load("purchase.engine-pg.c32.json", "load", "purchase=100", 32, null, 1000, 20, 30, 40, 60);
        File.WriteAllText(Path.Combine(directory, "pgbench.txt"), Pgbench15);
        File.WriteAllText(Path.Combine(directory, "pgbench.other.txt"), Pgbench15At32);

        var rows = TargetRows(PerformanceReport.Build(directory));

        Assert.Contains("pgbench 2,000 tps (8 clients", rows["4a"]);
        Assert.EndsWith("| **pass** |", rows["4a"]);
        Assert.Contains("pgbench 400 tps (32 clients", rows["4b"]);
        Assert.EndsWith("| **pass** |", rows["4b"]);
    }

    [Fact]
    public async Task Push_misses_at_a_p99_of_50_ms_or_more()
    {
        await Push(p99: 50, missing: 0);

        var row = TargetRows(PerformanceReport.Build(directory))["5"];

        Assert.Contains("**p99 50.0 ms**", row);
        Assert.EndsWith("| **miss** |", row);
    }

    [Fact]
    public async Task Cold_members_with_a_failed_purchase_miss_whatever_their_p99()
    {
        await Cold("postgresql", p50: 3, p99: 9, failures: 2);

        var rows = TargetRows(PerformanceReport.Build(directory));

        Assert.Contains("p50 3.00 ms, **p99 9.00 ms**, max 30.0 ms; 2 failed", rows["6a"]);
        Assert.EndsWith("| **miss** |", rows["6a"]);
        Assert.EndsWith("| not measured |", rows["6b"]);
    }

    [Fact]
    public async Task Cold_members_one_till_at_a_time_have_rows_of_their_own_when_cold_sh_made_that_run()
    {
        await Cold("postgresql", p50: 9, p99: 31, failures: 0);
        await Cold("sqlite", p50: 7, p99: 25, failures: 0);
        await Cold("postgresql", p50: 1.5, p99: 7, failures: 0, tills: 1);

        var rows = TargetRows(PerformanceReport.Build(directory));

        Assert.Contains("(`cold.sh`, 8 tills at once)", rows["6a"]);
        Assert.EndsWith("| **miss** |", rows["6a"]);
        Assert.Contains("engine on PostgreSQL (`cold.sh`, 1 till at once)", rows["6c"]);
        Assert.Contains("p50 1.50 ms, **p99 7.00 ms**", rows["6c"]);
        Assert.EndsWith("| **pass** |", rows["6c"]);
        Assert.False(rows.ContainsKey("6d"));
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
        await Load(ResultFiles.Reads("engine-pg"), "load", "read=100", 16, null, 3000, 1, 2, 5, 9, errors: 3);
        await Push(p99: 30, missing: 2);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Problems), "reads: exit code 1\n");

        var markdown = PerformanceReport.Build(directory);
        var rows = TargetRows(markdown);

        Assert.Contains("**0.60×**", rows["1a"]);
        Assert.EndsWith("| **miss** |", rows["1a"]);
        Assert.Contains("2 missing", rows["5"]);
        Assert.EndsWith("| **miss** |", rows["5"]);
        Assert.Contains("## Problems during the run", markdown);
        Assert.Contains("- reads: exit code 1", markdown);
    }

    [Fact]
    public async Task Targets_without_their_files_are_not_measured()
    {
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench(8)), "connection to server failed");
        await Load("purchase.engine-pg.c8.json", "load", "purchase=100", 8, null, 600, 10, 20, 30, 50);

        var rows = TargetRows(PerformanceReport.Build(directory));

        Assert.Equal(["1a", "1b", "2a", "2b", "3", "4a", "4b", "5", "6a", "6b"], rows.Keys);
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
        var next = section.IndexOf("\n## ", 3, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
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
            cold_members=2000
            cold_days=365
            """);

        await Load(ResultFiles.Reads("engine-pg"), "load", "read=100", 16, null, 3000, 1, 2, 5, 9);
        await Load(ResultFiles.Live("engine-pg"), "load", "live=100", 16, null, 5000, 0.5, 1, 2, 4);
        await Load(ResultFiles.Reads("engine-sqlite"), "load", "read=100", 16, null, 2000, 1, 2, 6, 9);
        await Load(ResultFiles.Live("engine-sqlite"), "load", "live=100", 16, null, 5000, 0.5, 1, 2, 4);
        await Load("purchase.engine-pg.c8.json", "load", "purchase=100", 8, null, 600, 10, 20, 30, 50);
        await Load("purchase.engine-pg.c32.json", "load", "purchase=100", 32, null, 900, 20, 30, 40, 60);
        await Load("purchase.baseline-pg.c8.json", "load", "purchase=100", 8, null, 400, 12, 20, 30, 45);
        await Load("purchase.baseline-pg.c32.json", "load", "purchase=100", 32, null, 500, 30, 60, 90, 120);
        await Load(ResultFiles.HalfPeak, "load", "purchase=100", null, 450, 450, 8, 15, 25, 70);
        await Load(ResultFiles.Hot, "hot", "purchase=1", 16, null, 1200, 12, 15, 20, 30, populationId: "perf", reused: false, duration: 60);
        await Load(ResultFiles.HotSecond, "hot", "purchase=1", 16, null, 1140, 12, 15, 21, 30, populationId: "perf", reused: true, duration: 60);
        await Load("purchase.engine-sqlite.c16.json", "load", "purchase=100", 16, null, 700, 20, 30, 60, 90);
        await Load("purchase.baseline-sqlite.c16.json", "load", "purchase=100", 16, null, 1400, 9, 12, 20, 40);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench(8)), Pgbench15);
        File.WriteAllText(Path.Combine(directory, ResultFiles.Pgbench(32)), Pgbench15At32);
        await Push(p99: 30, missing: 0);
        await Cold("postgresql", p50: 4, p99: 12, failures: 0);
        await Cold("sqlite", p50: 6, p99: 35, failures: 0);
        await Write("latency.engine-pg.json", new LatencyReport("latency", "http://127.0.0.1:1/", "LAT-1", 1000, 100,
            new LatencySummary(1000, 1, 2.5, 3, 8, 12)));
        File.WriteAllText(Path.Combine(directory, ResultFiles.Memory), """
            { "members": 100000, "emptyGrainBytes": 1234, "memberGrainBytes": 5678.5, "meetsTarget": false,
              "afterMembers": { "liveBytes": 123456789 }, "machine": { "runtime": ".NET 10" }, "note": "text" }
            """);
        File.WriteAllBytes(Path.Combine(directory, "hot.engine-pg.png"), [0x89, 0x50]);
    }

    private async Task Load(string file, string scenario, string mix, int? concurrency, int? rate, double throughput,
        double p50, double p90, double p99, double max, long errors = 0, long dropped = 0,
        string populationId = "perf", bool reused = true, double duration = 20)
    {
        var latency = new LatencySummary(100, 0.1, p50, p90, p99, max);
        var overall = new OperationFigures(1000, 1000 - errors, 0, errors, dropped, throughput, latency);
        await Write(file, new LoadReport(scenario, "http://127.0.0.1:1/", rate is null ? "closed" : "open", concurrency, rate,
            rate is null ? null : 1000, 20000, populationId, reused, 0, MemberDistribution.Uniform, null, 1, mix, 5, duration, false,
            throughput, overall, new SortedDictionary<string, OperationFigures>(StringComparer.Ordinal) { ["purchase"] = overall },
            new SortedDictionary<string, long>(StringComparer.Ordinal), []));
    }

    private async Task Push(double p99, int missing)
    {
        var afterResponse = new LatencySummary(18_000, -1, 2, 10, p99, 80);
        var afterDue = new LatencySummary(18_000, 1, 5, 20, 45, 120);
        await Write(ResultFiles.Push, new PushReport("push", "http://127.0.0.1:1/", PushProtocol.Json, 1000, 32, "open", 2000, 1000,
            40_000, 0, 0, null, 40_000 - missing, missing, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40_000, 4_000, 0, 0, null, 0,
            "memberId,sequence", 3.5, 20.1, 1990, afterDue, afterResponse, afterDue, afterDue));
    }

    private async Task Cold(string database, double p50, double p99, int failures, int tills = 8)
    {
        Directory.CreateDirectory(Path.Combine(directory, "cold"));
        await Write(tills == 8 ? ResultFiles.Cold(database) : ResultFiles.Cold(database, tills),
            new ColdReport("cold", "http://127.0.0.1:1/", 2000, 50, 5, tills, 90, failures, new LatencySummary(2000, 1, p50, p50 * 2, p99, 30)));
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
