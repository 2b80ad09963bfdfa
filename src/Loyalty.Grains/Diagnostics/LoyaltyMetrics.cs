using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Loyalty.Grains.Diagnostics;

/// <summary>
/// The engine's own instruments, in the meter <see cref="MeterName"/>: what tills did (purchases by outcome, points
/// issued and redeemed, counted once when the change is stored, never for a replay), how long storage takes, and how
/// long a stored change takes to reach the watchers connected to a node.
/// </summary>
public sealed class LoyaltyMetrics
{
    public const string MeterName = "Loyalty";

    /// <summary>Histogram buckets for durations in seconds: 0.5 ms to 10 s.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _purchases;
    private readonly Counter<long> _pointsIssued;
    private readonly Counter<long> _pointsRedeemed;
    private readonly Histogram<double> _storageDuration;
    private readonly Histogram<double> _pushLatency;

    public LoyaltyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _purchases = meter.CreateCounter<long>("loyalty.purchases", "{purchase}",
            "Purchases answered by the member grains, by outcome: awarded (stored), replayed (a duplicate transaction id), rejected (refused by the rules), failed (storage failed).");
        _pointsIssued = meter.CreateCounter<long>("loyalty.points.issued", "{point}",
            "Points earned by purchases, counted once when the purchase is stored.");
        _pointsRedeemed = meter.CreateCounter<long>("loyalty.points.redeemed", "{point}",
            "Points spent by redemptions, counted once when the redemption is stored.");
        _storageDuration = meter.CreateHistogram("loyalty.storage.duration", "s",
            "How long a member grain waits for storage: a state write, or a ledger insert.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _pushLatency = meter.CreateHistogram("loyalty.push.latency", "s",
            "From a member grain's stored write to this node sending the event to the member's watchers (clocks of two nodes may differ).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public void PurchaseAnswered(PurchaseOutcomeKind outcome, long pointsEarned)
    {
        _purchases.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Tag()));
        if (outcome == PurchaseOutcomeKind.Awarded && pointsEarned > 0)
            _pointsIssued.Add(pointsEarned);
    }

    public void PointsRedeemed(long points)
    {
        if (points > 0)
            _pointsRedeemed.Add(points);
    }

    /// <summary>Records a storage operation that began at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void StorageUsed(StorageOperation operation, long startedAt, bool succeeded) =>
        _storageDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation.Tag()),
            new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));

    /// <summary>Records the time from <paramref name="storedAt"/> (a wall-clock time on the grain's node) to now.</summary>
    public void EventPushed(DateTimeOffset storedAt) =>
        _pushLatency.Record(Math.Max(0, (DateTimeOffset.UtcNow - storedAt).TotalSeconds));
}
