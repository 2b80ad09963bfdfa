using System.Diagnostics;
using System.Globalization;

namespace Loyalty.LoadTests.Cpu;

/// <summary>A process whose CPU time a run records, named for the report: <c>host=1234</c>. Its descendants and the
/// children it has waited for count with it.</summary>
internal sealed record WatchedProcess(string Name, int Pid)
{
    /// <summary>The name the load generator's own CPU time is recorded under.</summary>
    public const string Generator = "generator";

    /// <summary>Reads <c>name=pid,name=pid</c>.</summary>
    public static IReadOnlyList<WatchedProcess> ParseList(string text)
    {
        var processes = new List<WatchedProcess>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || !pair[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid < 1)
                throw new ArgumentException($"--cpu-of needs name=pid pairs separated by commas (a name of letters, digits, '-' or '_'), not '{part}'");
            if (pair[0] == Generator || processes.Any(p => p.Name == pair[0]))
                throw new ArgumentException($"--cpu-of names '{pair[0]}' twice (or as '{Generator}', the load generator's own)");
            processes.Add(new WatchedProcess(pair[0], pid));
        }
        return processes;
    }
}

/// <summary>The CPU time each watched process used over a window of <see cref="Seconds"/>, in milliseconds, the load
/// generator's under <see cref="WatchedProcess.Generator"/>. A process that could not be read at both ends is left
/// out.</summary>
internal sealed record CpuUse(double Seconds, SortedDictionary<string, double> Milliseconds);

/// <summary>Reads the CPU time of the watched processes and of the load generator at two moments.</summary>
internal sealed class CpuSampler(IReadOnlyList<WatchedProcess> processes, Func<TimeSpan> generatorCpu)
{
    /// <summary>The generator is this process.</summary>
    public static CpuSampler OfThisProcess(IReadOnlyList<WatchedProcess> processes)
    {
        var self = Process.GetCurrentProcess();
        return new CpuSampler(processes, () =>
        {
            self.Refresh();
            return self.TotalProcessorTime;
        });
    }

    public Snapshot Take()
    {
        var all = ProcessStat.ReadAll();
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var process in processes)
            if (ProcessStat.TreeTicks(process.Pid, all) is { } t)
                ticks[process.Name] = t;
        return new Snapshot(Stopwatch.GetTimestamp(), ticks, generatorCpu());
    }

    public static CpuUse Between(Snapshot start, Snapshot end)
    {
        var milliseconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, ticks) in end.Ticks)
            if (start.Ticks.TryGetValue(name, out var before))
                milliseconds[name] = Math.Round((ticks - before) * 1000 / ProcessStat.TicksPerSecond, 1);
        milliseconds[WatchedProcess.Generator] = Math.Round((end.Generator - start.Generator).TotalMilliseconds, 1);
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        return new CpuUse(Math.Round(seconds, 3), milliseconds);
    }

    /// <summary>The watched processes' ticks and the generator's CPU time at one moment.</summary>
    internal sealed record Snapshot(long Timestamp, IReadOnlyDictionary<string, long> Ticks, TimeSpan Generator);
}
