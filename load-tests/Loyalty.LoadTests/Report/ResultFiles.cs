using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Loyalty.LoadTests.Report;

/// <summary>
/// The files a run of <c>load-tests/run.sh</c> leaves in its result folder, by name. A host is
/// <c>engine-pg</c>, <c>engine-sqlite</c>, <c>baseline-pg</c> or <c>baseline-sqlite</c>; <c>cN</c> is a closed loop of
/// N workers.
/// </summary>
internal static class ResultFiles
{
    public const string RunInfo = "run-info.txt";
    public const string Report = "report.md";
    public const string Problems = "problems.txt";
    public const string PostgresEngineSweep = "purchase.engine-pg.c*.json";
    public const string PostgresBaselineSweep = "purchase.baseline-pg.c*.json";
    public const string HalfPeak = "purchase.engine-pg.open.json";
    /// <summary>The first of the two hot-member runs on one member, with a warm-up.</summary>
    public const string Hot = "hot.engine-pg.json";
    /// <summary>The second, right after it on the same member (<c>--population-id</c>), without a warm-up.</summary>
    public const string HotSecond = "hot.engine-pg.second.json";
    /// <summary>pgbench's outputs, <c>pgbench.cN.txt</c> for N clients (<c>pgbench.txt</c> in earlier runs): each is
    /// told from the others by its <c>number of clients</c> line.</summary>
    public const string PgbenchRuns = "pgbench*.txt";
    public const string Push = "push.engine-pg.json";
    public const string SqliteEngine = "purchase.engine-sqlite.c*.json";
    public const string SqliteBaseline = "purchase.baseline-sqlite.c*.json";
    public const string Enrolments = "enrol.*.json";
    public const string Any = "*.json";
    public const string Memory = "memory.json";
    /// <summary>wrk's measured purchase runs, <c>wrk.HOST.cN.txt</c>, each with <c>wrk.HOST.cN.cpu.json</c>.</summary>
    public const string WrkRuns = "wrk.*.txt";
    /// <summary>The generator's closed loop on <c>engine-pg</c> again right after wrk's run at the same concurrency,
    /// <c>again.engine-pg.cN.json</c>: the cross-check compares wrk with the generator's runs before and after it.</summary>
    public const string PostgresEngineAgain = "again.engine-pg.c*.json";

    /// <summary>Balance reads on the engine on one storage (<c>engine-pg</c> or <c>engine-sqlite</c>).</summary>
    public static string Reads(string host) => $"read.{host}.json";

    /// <summary>The HTTP ceiling (<c>GET /health/live</c>) on the same engine and closed loop as its reads.</summary>
    public static string Live(string host) => $"live.{host}.json";

    /// <summary>What <c>pgbench -N -c N</c> printed.</summary>
    public static string Pgbench(int clients) => FormattableString.Invariant($"pgbench.c{clients}.txt");

    /// <summary>The JSON of <c>cold.sh</c>'s first purchases on one database (<c>postgresql</c> or <c>sqlite</c>), in
    /// its result folder <c>cold/</c>.</summary>
    public static string Cold(string database) => Path.Combine("cold", $"cold.{database}.json");

    /// <summary>The same, of the run of <c>cold.sh</c> with <paramref name="tills"/> tills at once after its first.</summary>
    public static string Cold(string database, int tills) => Path.Combine("cold", $"cold.{database}.tills-{tills}.json");

    /// <summary>What a host part of a file name stands for.</summary>
    public static string Host(string host) => host switch
    {
        "engine-pg" => "engine, PostgreSQL",
        "engine-sqlite" => "engine, SQLite",
        "baseline-pg" => "SQL baseline, PostgreSQL",
        "baseline-sqlite" => "SQL baseline, SQLite",
        _ => host,
    };

    /// <summary>The host part of <c>kind.host.rest.json</c>, or null.</summary>
    public static string? HostOf(string file)
    {
        var parts = Path.GetFileName(file).Split('.');
        return parts.Length >= 3 ? parts[1] : null;
    }
}

/// <summary>The <c>key=value</c> lines the script writes about the run and the machine.</summary>
internal sealed class RunInfo(IReadOnlyDictionary<string, string> values)
{
    public static RunInfo Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            var equals = trimmed.IndexOf('=');
            if (equals <= 0 || trimmed.StartsWith('#'))
                continue;
            values[trimmed[..equals].Trim()] = trimmed[(equals + 1)..].Trim();
        }
        return new RunInfo(values);
    }

    public static RunInfo Read(string directory)
    {
        var path = Path.Combine(directory, ResultFiles.RunInfo);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new RunInfo(new Dictionary<string, string>());
    }

    public string? this[string key] => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public double? Number(string key) =>
        this[key] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DateTimeOffset? Time(string key) =>
        this[key] is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

/// <summary>Reads pgbench's summary.</summary>
internal static partial class PgbenchOutput
{
    /// <summary>The transactions per second without the time to connect: pgbench 14 and later print
    /// <c>tps = … (without initial connection time)</c>, earlier versions <c>tps = … (excluding connections establishing)</c>.</summary>
    public static double? Tps(string output)
    {
        var match = TpsLine().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A <c>name: value</c> line of the summary (<c>number of clients</c>, <c>duration</c>, …), or null.</summary>
    public static string? Setting(string output, string name)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
                return line[(name.Length + 1)..].Trim();
        return null;
    }

    /// <summary>The output of the pgbench run with <paramref name="clients"/> clients in a result folder, or null.</summary>
    public static string? Find(string directory, int clients)
    {
        if (!Directory.Exists(directory))
            return null;
        var wanted = clients.ToString(CultureInfo.InvariantCulture);
        return Directory.GetFiles(directory, ResultFiles.PgbenchRuns).Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .FirstOrDefault(output => Setting(output, "number of clients") == wanted);
    }

    [GeneratedRegex(@"^tps = ([0-9]+(?:\.[0-9]+)?) \((?:without initial connection time|excluding connections establishing)\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();
}

/// <summary>A JSON report read defensively: a missing or mistyped field is null, never an exception.</summary>
internal sealed class JsonReport
{
    private readonly JsonElement root;

    private JsonReport(string file, JsonElement root)
    {
        File = file;
        this.root = root;
    }

    public string File { get; }

    public JsonElement Root => root;

    public static JsonReport? Read(string path)
    {
        if (!System.IO.File.Exists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            return new JsonReport(Path.GetFileName(path), document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public JsonElement? At(params string[] path)
    {
        var element = root;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element;
    }

    public double? Number(params string[] path) =>
        At(path) is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : null;

    public string? Text(params string[] path) =>
        At(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
}

/// <summary>The figures of a <c>load</c> or <c>hot</c> report that the summary uses.</summary>
internal sealed record LoadRun(
    string File,
    string Scenario,
    string? Host,
    string Mode,
    int? Concurrency,
    int? Rate,
    string? Mix,
    double DurationSeconds,
    double Throughput,
    long Requests,
    long Errors,
    long Dropped,
    double? P50,
    double? P90,
    double? P99,
    double? Max)
{
    public bool Clean => Errors == 0 && Dropped == 0;

    /// <summary>The population (<c>hot</c>: the member) the run used, and whether an earlier run had enrolled it.</summary>
    public string? PopulationId { get; init; }

    public bool PopulationReused { get; init; }

    /// <summary>The CPU time recorded over the measured window (<c>--cpu-of</c>), or null.</summary>
    public RunCpu? Cpu { get; init; }

    public string Load => Mode == "open"
        ? FormattableString.Invariant($"open {Rate}/s")
        : FormattableString.Invariant($"closed {Concurrency}");

    public static LoadRun? From(JsonReport? report)
    {
        if (report?.Text("scenario") is not ("load" or "hot") || report.Number("throughput") is not { } throughput)
            return null;
        return new LoadRun(
            report.File,
            report.Text("scenario")!,
            ResultFiles.HostOf(report.File),
            report.Text("mode") ?? "closed",
            (int?)report.Number("concurrency"),
            (int?)report.Number("rate"),
            report.Text("mix"),
            report.Number("durationSeconds") ?? 0,
            throughput,
            (long)(report.Number("overall", "requests") ?? 0),
            (long)(report.Number("overall", "errors") ?? 0),
            (long)(report.Number("overall", "dropped") ?? 0),
            report.Number("overall", "latency", "median"),
            report.Number("overall", "latency", "p90"),
            report.Number("overall", "latency", "p99"),
            report.Number("overall", "latency", "max"))
        {
            Cpu = RunCpu.From(report.At("cpu")),
            PopulationId = report.Text("populationId"),
            PopulationReused = report.At("populationReused") is { ValueKind: JsonValueKind.True },
        };
    }

    public static LoadRun? Read(string directory, string file) => From(JsonReport.Read(Path.Combine(directory, file)));

    /// <summary>The runs matching a pattern, by concurrency then rate.</summary>
    public static LoadRun[] ReadAll(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, pattern)
                .Select(f => From(JsonReport.Read(f)))
                .OfType<LoadRun>()
                .OrderBy(r => r.Concurrency ?? int.MaxValue).ThenBy(r => r.Rate ?? 0).ThenBy(r => r.File, StringComparer.Ordinal)
                .ToArray()
            : [];
}
