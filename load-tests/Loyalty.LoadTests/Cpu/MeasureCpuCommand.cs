using System.Diagnostics;
using System.Text.Json;

namespace Loyalty.LoadTests.Cpu;

/// <summary><c>measure-cpu --json PATH [--cpu-of name=pid,…] -- COMMAND ARGS…</c>: runs another load generator (wrk)
/// and records the CPU time the watched processes and the command itself used while it ran.</summary>
internal static class MeasureCpuCommand
{
    public const string Usage = """
        usage: Loyalty.LoadTests measure-cpu --json PATH [--cpu-of NAME=PID,...] -- COMMAND [ARGS...]

          Runs COMMAND (its output goes to this one's) and writes to PATH the CPU time, in ms, that each watched
          process (with its descendants and the children it has waited for) used while it ran, and the command's own
          under "generator". Exits with the command's exit code.
        """;

    public static async Task<int> Run(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        string? json = null;
        IReadOnlyList<WatchedProcess> watched = [];
        try
        {
            if (separator < 0 || separator == args.Length - 1)
                throw new ArgumentException("measure-cpu needs -- and a command after its options");
            for (var i = 0; i < separator; i += 2)
            {
                if (i + 1 >= separator)
                    throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--json": json = args[i + 1]; break;
                    case "--cpu-of": watched = WatchedProcess.ParseList(args[i + 1]); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
            if (json is null)
                throw new ArgumentException("measure-cpu needs --json PATH");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var start = new ProcessStartInfo(args[separator + 1]) { UseShellExecute = false };
        foreach (var argument in args[(separator + 2)..])
            start.ArgumentList.Add(argument);
        // The command's CPU time is what this process's waited-for children used: the command is its only child.
        var sampler = new CpuSampler(watched, () => TimeSpan.FromSeconds((ProcessStat.Self()?.ReapedTicks ?? 0) / ProcessStat.TicksPerSecond));
        var before = sampler.Take();
        using var command = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        await command.WaitForExitAsync();
        var use = CpuSampler.Between(before, sampler.Take());
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(use, JsonOptions));
        return command.ExitCode;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
