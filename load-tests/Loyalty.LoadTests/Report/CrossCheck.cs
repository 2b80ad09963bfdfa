using System.Text;
using static Loyalty.LoadTests.Report.PerformanceReport;

namespace Loyalty.LoadTests.Report;

/// <summary>The report's cross-check of the engine's purchase figures on PostgreSQL: the load generator's closed loop
/// against wrk at the same concurrency, run right after it on the same engine and database, and the generator again
/// right after wrk when the run has it. wrk is compared with the mean of the generator's two runs: runs one after the
/// other on one machine drift (the runs before leave background work: the insights projector's marks, PostgreSQL's
/// vacuum and checkpoints), and a run on each side of wrk's takes the drift out.</summary>
internal static class CrossCheck
{
    /// <summary>They agree when wrk's purchases/s are within this share of the generator's.</summary>
    public const double Tolerance = 0.15;

    public sealed record Pair(int Concurrency, LoadRun Generator, WrkRun Wrk, LoadRun? Again = null)
    {
        /// <summary>The generator's purchases/s: the mean of its runs before and after wrk's, or the one before.</summary>
        public double GeneratorThroughput => Again is null ? Generator.Throughput : (Generator.Throughput + Again.Throughput) / 2;

        /// <summary>wrk's purchases/s ÷ the generator's.</summary>
        public double Ratio => GeneratorThroughput > 0 ? Wrk.Throughput / GeneratorThroughput : double.NaN;

        public bool Agree => Math.Abs(Ratio - 1) <= Tolerance;
    }

    /// <summary>The engine's closed-loop runs on PostgreSQL that wrk repeated, by concurrency.</summary>
    public static Pair[] Pairs(string directory)
    {
        var generator = LoadRun.ReadAll(directory, ResultFiles.PostgresEngineSweep);
        var again = LoadRun.ReadAll(directory, ResultFiles.PostgresEngineAgain);
        return WrkRun.ReadAll(directory)
            .Where(w => w.Host == "engine-pg" && w.Concurrency is not null)
            .Select(w => generator.FirstOrDefault(g => g.Concurrency == w.Concurrency) is { } g
                ? new Pair(w.Concurrency!.Value, g, w, again.FirstOrDefault(a => a.Concurrency == w.Concurrency))
                : null)
            .OfType<Pair>()
            .ToArray();
    }

    public static void Write(StringBuilder text, string directory)
    {
        var pairs = Pairs(directory);
        if (pairs.Length == 0)
            return;
        text.AppendLine("## Cross-check with wrk").AppendLine();
        text.AppendLine("The same purchases sent by `wrk` (`load-tests/wrk/purchase.lua`: members of the same population picked " +
                        "uniformly, baskets of 1 to 5 lines of the same six products, a new transaction id each) over as many " +
                        "connections as the load generator's workers, right after its run, engine on PostgreSQL; then the " +
                        "generator again (\"again\"). Purchases/s count 2xx answers; wrk's latency is from its own histogram. " +
                        Invariant($"They agree when wrk's purchases/s are within {Tolerance:0%} of the generator's: the mean of its runs before and after wrk's when there are two.")).AppendLine();
        Table(text, ["concurrency", "generator /s", "p50", "p99", "generator CPU", "again /s", "wrk /s", "p50", "p99", "wrk CPU", "wrk not 2xx or socket errors", "wrk ÷ generator", Invariant($"within {Tolerance:0%}")],
            pairs.Select(p => new[]
            {
                Invariant($"{p.Concurrency}"),
                Rate(p.Generator.Throughput), Ms(p.Generator.P50), Ms(p.Generator.P99), Core(p.Generator.Cpu),
                p.Again is null ? "-" : Rate(p.Again.Throughput),
                Rate(p.Wrk.Throughput), Ms(p.Wrk.P50), Ms(p.Wrk.P99), Core(p.Wrk.Cpu),
                Invariant($"{p.Wrk.Not2xx + p.Wrk.SocketErrors:N0}"),
                Invariant($"{p.Ratio:0.00}×"),
                p.Agree ? "yes" : "**no**",
            }));
        text.AppendLine();
        foreach (var p in pairs)
        {
            if (!p.Wrk.Clean)
                text.AppendLine(Invariant(
                    $"- At {p.Concurrency}, wrk saw {p.Wrk.Not2xx:N0} answers that were not 2xx and {p.Wrk.SocketErrors:N0} socket errors out of {p.Wrk.Requests:N0}: its figure counts the 2xx only."));
            if (!p.Generator.Clean)
                text.AppendLine(Invariant(
                    $"- At {p.Concurrency}, the load generator saw {p.Generator.Errors:N0} errors and {p.Generator.Dropped:N0} dropped requests."));
            if (!p.Agree)
                text.AppendLine(Invariant($"- At {p.Concurrency} they differ by {Math.Abs(p.Ratio - 1):0%}, more than {Tolerance:0%}. ") + Why(p));
        }
        if (pairs.Any(p => !p.Agree || !p.Wrk.Clean || !p.Generator.Clean))
            text.AppendLine();
    }

    /// <summary>What the two runs measured differently: the generators' own CPU (taken from the engine and PostgreSQL
    /// on a shared machine) and what a purchase cost the engine and the database under each.</summary>
    public static string Why(Pair p)
    {
        var g = p.Generator.Cpu;
        var w = p.Wrk.Cpu;
        if (g is null || w is null)
            return "No CPU time was recorded for one of the runs, so nothing here says why.";
        var parts = new List<string>
        {
            Invariant($"the load generator used {Percent(g.GeneratorPercentOfCore)} of a core and wrk {Percent(w.GeneratorPercentOfCore)}"),
            Invariant($"a purchase cost the engine {Us(g.MicrosecondsPerRequest(g.HostMs, p.Generator.Throughput))} of CPU under the generator and {Us(w.MicrosecondsPerRequest(w.HostMs, p.Wrk.Throughput))} under wrk"),
            Invariant($"PostgreSQL {Us(g.MicrosecondsPerRequest(g.PostgresMs, p.Generator.Throughput))} and {Us(w.MicrosecondsPerRequest(w.PostgresMs, p.Wrk.Throughput))}"),
            Invariant($"the three together {Us(g.MicrosecondsPerRequest(Total(g), p.Generator.Throughput))} and {Us(w.MicrosecondsPerRequest(Total(w), p.Wrk.Throughput))}"),
        };
        return "For comparison: " + string.Join("; ", parts) +
               ". When the engine's cost per purchase is the same under both, the engine did the same work: on a machine whose " +
               "cores are all busy, the generator's own CPU is taken from the engine and PostgreSQL, and the three together " +
               "bound the purchases/s. When it is not, the runs themselves differed (other load on the machine, background work after an earlier run).";

        static double? Total(RunCpu cpu) => cpu.HostMs + cpu.PostgresMs + cpu.GeneratorMs;
    }

    internal static string Core(RunCpu? cpu) => cpu?.GeneratorPercentOfCore is { } p ? Invariant($"{p:0}% of a core") : "-";

    internal static string Percent(double? percent) => percent is { } p ? Invariant($"{p:0}%") : "?";

    internal static string Us(double? microseconds) => microseconds is { } us ? Invariant($"{us:N0} µs") : "-";
}
