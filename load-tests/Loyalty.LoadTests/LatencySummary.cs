namespace Loyalty.LoadTests;

/// <summary>Nearest-rank percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double Min, double Median, double P90, double P99, double Max)
{
    public static LatencySummary? Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        double At(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
        return new LatencySummary(sorted.Length, At(0), At(0.50), At(0.90), At(0.99), At(1));
    }

    public override string ToString() => FormattableString.Invariant(
        $"median {Median:0.00} ms, p90 {P90:0.00} ms, p99 {P99:0.00} ms, max {Max:0.00} ms");

    public static string Describe(LatencySummary? summary) => summary?.ToString() ?? "no samples";
}
