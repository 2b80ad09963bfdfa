using System.Diagnostics.Metrics;
using Loyalty.Grains.Diagnostics;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Loyalty.Server.Tests;

/// <summary>The engine's instruments are recorded on every node; OpenTelemetry exports only where OTLP is configured.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-telemetry-tests-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Storage => new()
    {
        ["Provider"] = "Sqlite",
        ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}",
    };

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_exported_and_the_instruments_still_record()
    {
        await using var host = new EngineHost(Storage);
        var till = host.Till();
        using var purchases = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), LoyaltyMetrics.MeterName, "loyalty.purchases");
        var id = Api.NewMemberId();
        await till.Enrol(id);

        await (await till.Purchase(id, Api.Sale("T-1", "X", "food", 1, 10m))).Json();

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
        var purchase = Assert.Single(purchases.GetMeasurementSnapshot());
        Assert.Equal("awarded", purchase.Tags["outcome"]);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_metrics_and_traces_are_exported_and_an_unreachable_collector_harms_nothing()
    {
        var collector = $"http://127.0.0.1:{FreePort.Next()}"; // nothing listens there
        await using var host = new EngineHost(Storage, new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector });
        var till = host.Till();
        var id = Api.NewMemberId();
        await till.Enrol(id);

        var outcome = await (await till.Purchase(id, Api.Sale("T-1", "X", "food", 1, 10m))).Json();

        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.Equal(10, (int)outcome["pointsEarned"]!);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
