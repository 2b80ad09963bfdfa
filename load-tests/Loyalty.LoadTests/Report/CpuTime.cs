using System.Text;
using static Loyalty.LoadTests.Report.PerformanceReport;

namespace Loyalty.LoadTests.Report;

/// <summary>The report's table of CPU time per answered request of every timed run that recorded it: the host's (the
/// engine or the SQL baseline), the PostgreSQL server's and the load generator's.</summary>
internal static class CpuTime
{
    public static void Write(StringBuilder text, string directory)
    {
        var runs = LoadRun.ReadAll(directory, ResultFiles.Any)
            .Where(r => r.Cpu is not null)
            .Select(r => (r.File, r.Host, What: r.Scenario == "hot" ? "hot member" : r.Mix ?? "?", r.Load, r.Throughput, Cpu: r.Cpu!, Generator: "Loyalty.LoadTests"))
            .Concat(WrkRun.ReadAll(directory)
                .Where(w => w.Cpu is not null)
                .Select(w => (w.File, w.Host, What: "purchase=100", Load: Invariant($"closed {w.Concurrency}"), w.Throughput, Cpu: w.Cpu!, Generator: "wrk")))
            .OrderBy(r => r.File, StringComparer.Ordinal)
            .ToArray();
        if (runs.Length == 0)
            return;
        text.AppendLine("## CPU time per request").AppendLine();
        text.AppendLine("User and system CPU time over each run's measured window, read from `/proc` at its start and end: the host " +
                        "process, the PostgreSQL server (the postmaster, its backends, and those that ended), and the load generator, " +
                        "divided by the requests answered in the window (purchases, for the purchase runs). The time is each process's " +
                        "own: other work on the machine is not counted, though it slows the processes down.").AppendLine();
        Table(text, ["file", "host", "mix", "load", "generator", "per s", "host µs/request", "PostgreSQL µs/request", "generator µs/request", "generator CPU"],
            runs.Select(r => new[]
            {
                $"`{r.File}`", ResultFiles.Host(r.Host ?? "?"), r.What, r.Load, r.Generator, Rate(r.Throughput),
                CrossCheck.Us(r.Cpu.MicrosecondsPerRequest(r.Cpu.HostMs, r.Throughput)),
                CrossCheck.Us(r.Cpu.MicrosecondsPerRequest(r.Cpu.PostgresMs, r.Throughput)),
                CrossCheck.Us(r.Cpu.MicrosecondsPerRequest(r.Cpu.GeneratorMs, r.Throughput)),
                CrossCheck.Core(r.Cpu),
            }));
        text.AppendLine();
    }
}
