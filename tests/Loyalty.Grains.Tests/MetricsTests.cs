using System.Diagnostics.Metrics;
using Loyalty.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Loyalty.Grains.Tests;

/// <summary>The member grain's instruments (meter <c>Loyalty</c>), as a real silo records them.</summary>
public sealed class MetricsTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IMeterFactory Meters => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task Purchases_are_counted_by_outcome_and_points_once_when_stored()
    {
        using var purchases = new MetricCollector<long>(Meters, LoyaltyMetrics.MeterName, "loyalty.purchases");
        using var issued = new MetricCollector<long>(Meters, LoyaltyMetrics.MeterName, "loyalty.points.issued");
        using var redeemed = new MetricCollector<long>(Meters, LoyaltyMetrics.MeterName, "loyalty.points.redeemed");
        var grain = await Commands.EnrolledAsync(fixture.Grains);

        await grain.Purchase(Commands.Sale("T-1", 120m));                 // 120 points
        await grain.Purchase(Commands.Sale("T-1", 120m));                 // a replay: no points
        await grain.Purchase(Commands.Sale("T-1", 99m));                  // the same id, another sale: refused
        await grain.Redeem(Commands.Points("R-1", 20));
        await grain.Redeem(Commands.Points("R-1", 20));                   // a replay: nothing spent again

        var byOutcome = purchases.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["awarded"] = 1, ["replayed"] = 1, ["rejected"] = 1 }, byOutcome);
        Assert.Equal(120, issued.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(20, redeemed.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task State_writes_and_ledger_inserts_are_timed()
    {
        using var storage = new MetricCollector<double>(Meters, LoyaltyMetrics.MeterName, "loyalty.storage.duration");
        var grain = await Commands.EnrolledAsync(fixture.Grains);

        await grain.Purchase(Commands.Sale("T-1", 10m));
        await grain.GetActivity(null, 10); // waits until the ledger has the purchase

        var operations = storage.GetMeasurementSnapshot()
            .Where(m => (string)m.Tags["outcome"]! == "ok").Select(m => (string)m.Tags["operation"]!).ToHashSet();
        Assert.Contains("state_write", operations);
        Assert.Contains("ledger_insert", operations);
        Assert.All(storage.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 60));
    }
}
