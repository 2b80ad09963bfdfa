using System.Text.Json;

namespace Loyalty.LoadTests.Report;

/// <summary>The CPU time a timed run recorded over its measured window (<c>--cpu-of</c>, or <c>measure-cpu</c> around
/// wrk): the host's, the PostgreSQL server's and the load generator's, in milliseconds; null when not recorded.</summary>
internal sealed record RunCpu(double Seconds, double? HostMs, double? PostgresMs, double? GeneratorMs)
{
    /// <summary>Reads <c>{ "seconds": …, "milliseconds": { "host": …, "postgres": …, "generator": … } }</c>.</summary>
    public static RunCpu? From(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e
            || !e.TryGetProperty("seconds", out var seconds) || seconds.ValueKind != JsonValueKind.Number || seconds.GetDouble() <= 0
            || !e.TryGetProperty("milliseconds", out var ms) || ms.ValueKind != JsonValueKind.Object)
            return null;
        return new RunCpu(seconds.GetDouble(), Number(ms, "host"), Number(ms, "postgres"), Number(ms, "generator"));

        static double? Number(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    }

    /// <summary>Microseconds of CPU per answered request, at <paramref name="perSecond"/> answered a second.</summary>
    public double? MicrosecondsPerRequest(double? milliseconds, double perSecond) =>
        milliseconds is { } m && perSecond > 0 ? m * 1000 / (perSecond * Seconds) : null;

    /// <summary>The load generator's CPU as a share of one core over the window, in percent.</summary>
    public double? GeneratorPercentOfCore => GeneratorMs is { } m ? m / (Seconds * 1000) * 100 : null;
}
