using System.Text.Json;
using Loyalty.LoadTests.Cpu;
using Loyalty.LoadTests.Report;

namespace Loyalty.LoadTests.Tests;

public class ProcessStatTests
{
    // A line of /proc/PID/stat whose command name holds a space and a parenthesis; utime 250, stime 50, cutime 7, cstime 3.
    private const string Line =
        "4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 1000 0 0 0 250 50 7 3 20 0 4 0 123 456789 1234 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    [Fact]
    public void Reads_pid_parent_and_times_after_the_last_parenthesis_of_the_name()
    {
        var stat = ProcessStat.Parse(Line);

        Assert.Equal(new ProcessStat(4242, 17, OwnTicks: 300, ReapedTicks: 10), stat);
        Assert.Equal(310, stat!.Value.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a stat line")]
    [InlineData("12 (short) S 1 2 3")]
    [InlineData("x (name) S 1 2 3 0 -1 0 0 0 0 0 1 2 3 4 20 0 1 0")]
    public void Anything_else_is_not_a_stat_line(string line) => Assert.Null(ProcessStat.Parse(line));

    [Fact]
    public void A_tree_is_its_root_and_every_living_descendant_each_with_what_it_reaped()
    {
        ProcessStat[] processes =
        [
            new(1, 0, 1000, 0),     // init: the root's parent, not counted
            new(10, 1, 100, 40),    // the root (a postmaster, say): 40 ticks of ended backends
            new(11, 10, 20, 0),     // a backend
            new(12, 10, 30, 5),     // another, which reaped a child of its own
            new(13, 12, 7, 0),      // a grandchild
            new(20, 1, 500, 0),     // unrelated
        ];

        Assert.Equal(140 + 20 + 35 + 7, ProcessStat.TreeTicks(10, processes));
        Assert.Equal(7, ProcessStat.TreeTicks(13, processes));
        Assert.Null(ProcessStat.TreeTicks(99, processes));
    }

    [Fact]
    public void This_process_is_among_those_read_from_proc()
    {
        var self = ProcessStat.Self();
        Assert.NotNull(self);
        var all = ProcessStat.ReadAll();

        Assert.Contains(all, p => p.Pid == self.Value.Pid && p.ParentPid == self.Value.ParentPid);
        Assert.True(ProcessStat.TreeTicks(self.Value.Pid, all) >= self.Value.Ticks);
        Assert.True(ProcessStat.TicksPerSecond > 0);
    }
}

public class WatchedProcessTests
{
    [Fact]
    public void Reads_name_pid_pairs()
    {
        Assert.Equal([new WatchedProcess("host", 123), new WatchedProcess("postgres", 456)], WatchedProcess.ParseList("host=123, postgres=456"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("host")]
    [InlineData("host=")]
    [InlineData("host=0")]
    [InlineData("host=-4")]
    [InlineData("=12")]
    [InlineData("a b=12")]
    [InlineData("host=1,host=2")]
    [InlineData("generator=1")]
    public void Rejects_anything_else(string text) => Assert.Throws<ArgumentException>(() => WatchedProcess.ParseList(text));

    [Fact]
    public void Is_an_option_of_the_timed_scenarios_only()
    {
        Assert.Equal([new WatchedProcess("host", 7)], Arguments.Parse(["load", "--cpu-of", "host=7"]).Load!.CpuOf);
        Assert.Null(Arguments.Parse(["hot"]).Load!.CpuOf);
        Assert.Throws<ArgumentException>(() => Arguments.Parse(["latency", "--cpu-of", "host=7"]));
    }
}

public sealed class MeasureCpuCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("loyalty-cpu-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Records_the_commands_cpu_and_the_watched_processes_and_passes_its_exit_code_on()
    {
        var json = Path.Combine(directory, "cpu.json");
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Work enough for several clock ticks in the command itself, then exit 3.
        const string busy = "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exit 3";

        var exit = await MeasureCpuCommand.Run(["--json", json, "--cpu-of", $"tests={self}", "--", "sh", "-c", busy]);

        Assert.Equal(3, exit);
        var cpu = RunCpu.From(JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement);
        Assert.NotNull(cpu);
        Assert.True(cpu.GeneratorMs > 0, $"the command's CPU time: {cpu.GeneratorMs} ms");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.True(document.RootElement.GetProperty("milliseconds").GetProperty("tests").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--json x.json")]
    [InlineData("--json x.json --")]
    [InlineData("-- true")]
    [InlineData("--json x.json --cpu-of bad -- true")]
    [InlineData("--jsn x.json -- true")]
    public async Task Bad_arguments_exit_with_2(string args) =>
        Assert.Equal(2, await MeasureCpuCommand.Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}

public class RunCpuTests
{
    [Fact]
    public void Reads_the_recorded_times_and_divides_them_by_the_answered_requests()
    {
        using var json = JsonDocument.Parse("""{ "seconds": 20, "milliseconds": { "generator": 5000, "host": 12000, "postgres": 8000 } }""");

        var cpu = RunCpu.From(json.RootElement)!;

        Assert.Equal(new RunCpu(20, 12000, 8000, 5000), cpu);
        // 2,000 purchases/s for 20 s: 40,000 purchases; 12 s of engine CPU is 300 µs each.
        Assert.Equal(300, cpu.MicrosecondsPerRequest(cpu.HostMs, 2000));
        Assert.Equal(200, cpu.MicrosecondsPerRequest(cpu.PostgresMs, 2000));
        Assert.Equal(25, cpu.GeneratorPercentOfCore);
        Assert.Null(cpu.MicrosecondsPerRequest(null, 2000));
        Assert.Null(cpu.MicrosecondsPerRequest(1, 0));
    }

    [Theory]
    [InlineData("""{ "milliseconds": { "host": 1 } }""")]
    [InlineData("""{ "seconds": 0, "milliseconds": { "host": 1 } }""")]
    [InlineData("""{ "seconds": 5 }""")]
    [InlineData("""[1, 2]""")]
    public void Is_null_without_a_window_and_its_times(string text)
    {
        using var json = JsonDocument.Parse(text);
        Assert.Null(RunCpu.From(json.RootElement));
    }

    [Fact]
    public void A_process_not_recorded_is_null()
    {
        using var json = JsonDocument.Parse("""{ "seconds": 5, "milliseconds": { "generator": 100, "host": 900 } }""");
        Assert.Equal(new RunCpu(5, 900, null, 100), RunCpu.From(json.RootElement));
    }
}

public class WrkRunTests
{
    private const string Output = """
        Running 20s test @ http://127.0.0.1:5080
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency    10.21ms    5.12ms  98.10ms   80.00%
            Req/Sec     1.50k   100.00     1.80k    70.00%
          60000 requests in 20.00s, 12.00MB read
          Non-2xx or 3xx responses: 100
        Requests/sec:   3000.00
        Transfer/sec:    614.40KB
        wrk_requests=60000
        wrk_seconds=20.000
        wrk_not_2xx=100
        wrk_socket_errors=2
        wrk_timeouts=0
        wrk_p50_ms=9.500
        wrk_p90_ms=15.250
        wrk_p99_ms=30.125
        wrk_max_ms=98.100
        """;

    [Fact]
    public void Reads_the_lines_of_done_and_the_concurrency_from_the_file_name()
    {
        var run = WrkRun.Parse("/results/wrk.engine-pg.c32.txt", Output)!;

        Assert.Equal(new WrkRun("wrk.engine-pg.c32.txt", "engine-pg", 32, 60000, 20, 100, 2, 9.5, 15.25, 30.125, 98.1), run);
        Assert.Equal(2995, run.Throughput);
        Assert.False(run.Clean);
    }

    [Fact]
    public void Output_without_the_figures_of_done_is_no_run() =>
        Assert.Null(WrkRun.Parse("wrk.engine-pg.c8.txt", "unable to connect to 127.0.0.1:5080 Connection refused\nwrk_p50_ms=1\n"));
}
