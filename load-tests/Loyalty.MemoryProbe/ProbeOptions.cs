using System.Globalization;

namespace Loyalty.MemoryProbe;

/// <summary>The probe's command line: <c>--option value</c> pairs.</summary>
internal sealed record ProbeOptions
{
    public int Members { get; init; } = 100_000;
    public int Purchases { get; init; } = 3;
    public int Concurrency { get; init; } = 64;
    public int Seed { get; init; } = 1;
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public string? JsonPath { get; init; }
    public TimeSpan Hold { get; init; } = TimeSpan.Zero;
    /// <summary>Purchases of one more member measured on its own after the others (0: none).</summary>
    public int BusySales { get; init; }
    public bool Help { get; init; }

    /// <summary>
    /// Grains of each kind (empty, member with its history) activated and used before the baseline, so that what is
    /// paid once (code paths, caches, connection pools) is not charged to the first measured grains.
    /// </summary>
    public int Warmup { get; init; } = 100;

    public const string Usage = """
        usage: Loyalty.MemoryProbe [options]

        Starts one silo configured like the engine's (its grain storage on a fresh SQLite folder, the demo programme),
        then measures the managed memory of N active empty grains, then of N active members, and prints both per grain.

        options                   default
          --members N             100000   grains of each kind (1 to 1000000)
          --purchases N           3        purchases per member, 1 to 3 lines each with a coffee (0 to 20)
          --concurrency N         64       calls in flight while enrolling and buying (1 to 1024)
          --seed N                1        seed of the baskets
          --drain-timeout SECONDS 300      longest wait for the ledger outbox to drain (1 to 3600)
          --json PATH                      also write the report as JSON to PATH
          --hold SECONDS          0        pause this long after each snapshot, e.g. for a heap dump (0 to 3600)
          --busy-member SALES     0        then one more member makes SALES purchases and is measured alone (0 to 100000)
        """;

    public static ProbeOptions Parse(string[] args)
    {
        var options = new ProbeOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                options = options with { Help = true };
                continue;
            }
            if (i + 1 >= args.Length)
                throw new ArgumentException($"option '{name}' needs a value");
            var value = args[++i];
            options = name switch
            {
                "--members" => options with { Members = Int(name, value, 1, 1_000_000) },
                "--purchases" => options with { Purchases = Int(name, value, 0, 20) },
                "--concurrency" => options with { Concurrency = Int(name, value, 1, 1024) },
                "--seed" => options with { Seed = Int(name, value, int.MinValue, int.MaxValue) },
                "--drain-timeout" => options with { DrainTimeout = TimeSpan.FromSeconds(Int(name, value, 1, 3600)) },
                "--json" => options with { JsonPath = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("--json needs a path") : value },
                "--hold" => options with { Hold = TimeSpan.FromSeconds(Int(name, value, 0, 3600)) },
                "--busy-member" => options with { BusySales = Int(name, value, 0, 100_000) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }
        return options;
    }

    private static int Int(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{value}'");
        return n;
    }
}
