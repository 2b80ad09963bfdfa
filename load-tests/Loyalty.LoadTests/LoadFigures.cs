using System.Globalization;
using System.Text;

namespace Loyalty.LoadTests;

/// <summary>The figures of one operation kind (or of all) over the measured window. Latency covers the requests
/// answered 2xx or with an expected 409 (a redemption on a short balance); errors and drops are only counted.</summary>
internal sealed record OperationFigures(long Requests, long Ok, long Expected, long Errors, long Dropped, double PerSecond, LatencySummary? Latency);

/// <summary>One second of the measured window: the requests answered in it and their latency.</summary>
internal sealed record TimelinePoint(int Second, long Completed, long Errors, double? P50, double? P90, double? P99, double? Max);

/// <summary>The figures of a timed run, from its samples: requests sent in the warm-up are left out, as are requests
/// meant to leave after the end (none, except when a worker started one in the last moment).</summary>
internal sealed record LoadFigures(
    double Throughput,
    OperationFigures Overall,
    SortedDictionary<string, OperationFigures> Operations,
    SortedDictionary<string, long> Errors,
    TimelinePoint[] Timeline)
{
    public static LoadFigures From(IEnumerable<Sample> all, double warmupSeconds, double durationSeconds)
    {
        var end = warmupSeconds + durationSeconds;
        var measured = all.Where(s => s.Start >= warmupSeconds && s.Start < end).ToArray();

        OperationFigures Figures(IReadOnlyCollection<Sample> samples)
        {
            var answered = samples.Where(s => s.Outcome is SampleOutcome.Ok or SampleOutcome.Expected).ToArray();
            return new OperationFigures(
                Requests: samples.Count,
                Ok: samples.Count(s => s.Outcome == SampleOutcome.Ok),
                Expected: samples.Count(s => s.Outcome == SampleOutcome.Expected),
                Errors: samples.Count(s => s.Outcome == SampleOutcome.Error),
                Dropped: samples.Count(s => s.Outcome == SampleOutcome.Dropped),
                PerSecond: Math.Round(answered.Length / durationSeconds, 1),
                Latency: LatencySummary.Of(answered.Select(s => s.LatencyMs)));
        }

        var operations = new SortedDictionary<string, OperationFigures>(StringComparer.Ordinal);
        foreach (var group in measured.GroupBy(s => s.Operation))
            operations[Name(group.Key)] = Figures(group.ToArray());
        var overall = Figures(measured);

        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in measured.Where(s => s.Outcome == SampleOutcome.Error))
        {
            var key = $"{Name(s.Operation)} {(s.Status != 0 ? s.Status.ToString(CultureInfo.InvariantCulture) : s.Exception)}";
            errors[key] = errors.GetValueOrDefault(key) + 1;
        }

        var seconds = (int)Math.Ceiling(durationSeconds);
        var timeline = new TimelinePoint[seconds];
        var buckets = measured
            .Where(s => s.Outcome != SampleOutcome.Dropped)
            .GroupBy(s => (int)Math.Floor(s.End - warmupSeconds))
            .Where(g => g.Key >= 0 && g.Key < seconds)
            .ToDictionary(g => g.Key, g => g.ToArray());
        for (var second = 0; second < seconds; second++)
        {
            var bucket = buckets.GetValueOrDefault(second) ?? [];
            var answered = bucket.Where(s => s.Outcome is SampleOutcome.Ok or SampleOutcome.Expected).ToArray();
            var latency = LatencySummary.Of(answered.Select(s => s.LatencyMs));
            timeline[second] = new TimelinePoint(second, answered.Length, bucket.Length - answered.Length,
                latency?.Median, latency?.P90, latency?.P99, latency?.Max);
        }

        return new LoadFigures(overall.PerSecond, overall, operations, errors, timeline);
    }

    public static string Name(Operation operation) => operation.ToString().ToLowerInvariant();

    /// <summary>The figures as a console table, one row per operation kind and one for all, then the errors.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant(
            $"{"operation",-10}{"requests",10}{"ok",10}{"expected",10}{"errors",8}{"dropped",9}{"per s",9}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}"));
        foreach (var (name, figures) in Operations.Append(new KeyValuePair<string, OperationFigures>("overall", Overall)))
        {
            var l = figures.Latency;
            text.AppendLine(FormattableString.Invariant(
                $"{name,-10}{figures.Requests,10}{figures.Ok,10}{figures.Expected,10}{figures.Errors,8}{figures.Dropped,9}{figures.PerSecond,9:0.0}{Ms(l?.Median),9}{Ms(l?.P90),9}{Ms(l?.P99),9}{Ms(l?.Max),9}"));
        }
        text.Append(Errors.Count == 0
            ? "errors: none"
            : "errors: " + string.Join(", ", Errors.Select(e => FormattableString.Invariant($"{e.Key} x{e.Value}"))));
        return text.ToString();

        static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
    }
}
