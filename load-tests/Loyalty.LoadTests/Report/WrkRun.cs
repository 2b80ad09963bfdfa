using System.Globalization;
using System.Text.RegularExpressions;

namespace Loyalty.LoadTests.Report;

/// <summary>A measured run of wrk with <c>load-tests/wrk/purchase.lua</c>: the <c>wrk_name=value</c> lines its
/// <c>done()</c> prints (in <c>wrk.HOST.cN.txt</c>), and the CPU time <c>measure-cpu</c> recorded around it
/// (<c>wrk.HOST.cN.cpu.json</c>).</summary>
internal sealed partial record WrkRun(
    string File,
    string? Host,
    int? Concurrency,
    long Requests,
    double Seconds,
    long Not2xx,
    long SocketErrors,
    double? P50,
    double? P90,
    double? P99,
    double? Max)
{
    public RunCpu? Cpu { get; init; }

    /// <summary>2xx answers a second, as the load generator counts its answered purchases.</summary>
    public double Throughput => Seconds > 0 ? Math.Max(0, Requests - Not2xx) / Seconds : 0;

    public bool Clean => Not2xx == 0 && SocketErrors == 0;

    /// <summary>The figures of wrk's output, or null when it has no <c>wrk_requests</c> and <c>wrk_seconds</c> (wrk
    /// failed or the script is another).</summary>
    public static WrkRun? Parse(string file, string output)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match match in Line().Matches(output))
            values[match.Groups[1].Value] = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (!values.TryGetValue("requests", out var requests) || !values.TryGetValue("seconds", out var seconds))
            return null;
        var concurrency = ConcurrencyPart().Match(Path.GetFileName(file));
        return new WrkRun(
            Path.GetFileName(file),
            ResultFiles.HostOf(file),
            concurrency.Success ? int.Parse(concurrency.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            (long)requests,
            seconds,
            (long)values.GetValueOrDefault("not_2xx"),
            (long)values.GetValueOrDefault("socket_errors"),
            Value("p50_ms"), Value("p90_ms"), Value("p99_ms"), Value("max_ms"));

        double? Value(string name) => values.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>The measured wrk runs of a result folder, by concurrency.</summary>
    public static WrkRun[] ReadAll(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, ResultFiles.WrkRuns)
                .Select(f => Parse(f, System.IO.File.ReadAllText(f)) is { } run
                    ? run with { Cpu = RunCpu.From(JsonReport.Read(Path.ChangeExtension(f, ".cpu.json"))?.Root) }
                    : null)
                .OfType<WrkRun>()
                .OrderBy(r => r.Concurrency ?? int.MaxValue).ThenBy(r => r.File, StringComparer.Ordinal)
                .ToArray()
            : [];

    [GeneratedRegex(@"^wrk_([a-z0-9_]+)=([0-9]+(?:\.[0-9]+)?)\r?$", RegexOptions.Multiline)]
    private static partial Regex Line();

    [GeneratedRegex(@"\.c([0-9]+)\.txt$")]
    private static partial Regex ConcurrencyPart();
}
