using System.Globalization;
using System.Runtime.InteropServices;

namespace Loyalty.LoadTests.Cpu;

/// <summary>
/// The CPU fields of one line of Linux's <c>/proc/PID/stat</c>: the process, its parent, the user and system time it
/// used (<c>utime</c> + <c>stime</c>) and what its children it has waited for used (<c>cutime</c> + <c>cstime</c>), in
/// clock ticks.
/// </summary>
internal readonly record struct ProcessStat(int Pid, int ParentPid, long OwnTicks, long ReapedTicks)
{
    /// <summary>Clock ticks per second of the <c>/proc</c> times (<c>sysconf(_SC_CLK_TCK)</c>, 100 on Linux).</summary>
    public static readonly double TicksPerSecond = ReadTicksPerSecond();

    public long Ticks => OwnTicks + ReapedTicks;

    /// <summary>The fields of a stat line, or null when it is not one. The command name, in parentheses, may hold
    /// spaces and parentheses itself: the fields are counted from its last closing parenthesis.</summary>
    public static ProcessStat? Parse(string line)
    {
        var open = line.IndexOf(" (", StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line.AsSpan(0, open), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return null;
        // After the name: state (field 3), ppid (4), … utime (14), stime (15), cutime (16), cstime (17).
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            || !long.TryParse(fields[13], NumberStyles.None, CultureInfo.InvariantCulture, out var cutime)
            || !long.TryParse(fields[14], NumberStyles.None, CultureInfo.InvariantCulture, out var cstime))
            return null;
        return new ProcessStat(pid, parent, utime + stime, cutime + cstime);
    }

    /// <summary>The ticks of <paramref name="root"/> and of every living descendant, each with the children it has
    /// waited for: a server's whole CPU time, the workers that ended included (PostgreSQL's postmaster waits for its
    /// backends). Null when the root is not among the processes.</summary>
    public static long? TreeTicks(int root, IReadOnlyCollection<ProcessStat> processes)
    {
        var byPid = processes.ToDictionary(p => p.Pid);
        if (!byPid.ContainsKey(root))
            return null;
        var children = processes.ToLookup(p => p.ParentPid);
        var total = 0L;
        var pending = new Stack<int>([root]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid))
                continue;
            total += byPid[pid].Ticks;
            foreach (var child in children[pid])
                pending.Push(child.Pid);
        }
        return total;
    }

    /// <summary>Every process's stat line now; a process that ends while they are read is left out.</summary>
    public static IReadOnlyCollection<ProcessStat> ReadAll()
    {
        var all = new List<ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !name.All(char.IsAsciiDigit))
                continue;
            try
            {
                if (Parse(File.ReadAllText(Path.Combine(directory, "stat"))) is { } stat)
                    all.Add(stat);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return all;
    }

    /// <summary>This process's own line.</summary>
    public static ProcessStat? Self() => Parse(File.ReadAllText("/proc/self/stat"));

    private static double ReadTicksPerSecond()
    {
        const int scClkTck = 2;
        try
        {
            var ticks = SysConf(scClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
