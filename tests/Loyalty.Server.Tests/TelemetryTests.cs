using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
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

    [Fact]
    public async Task With_an_otlp_endpoint_the_grain_calls_of_a_request_join_its_trace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.TraceId == traceId) spans.Enqueue(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var collector = $"http://127.0.0.1:{FreePort.Next()}";
        await using var host = new EngineHost(Storage, new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector });
        var till = host.Till();
        var id = Api.NewMemberId();
        await till.Enrol(id);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/members/{id}/purchases")
        {
            Content = JsonContent.Create(Api.Sale("T-1", "X", "food", 1, 10m)),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await till.SendAsync(request)).StatusCode);

        // The grain's side of the call (a server span) continues the trace the till started.
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && s.OperationName.Contains("Purchase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_pushed_to_a_watcher_records_its_latency_from_the_stored_write()
    {
        await using var host = new EngineHost(Storage);
        var till = host.Till();
        using var pushLatency = new MetricCollector<double>(host.Services.GetRequiredService<IMeterFactory>(), LoyaltyMetrics.MeterName, "loyalty.push.latency");
        var id = Api.NewMemberId();
        await till.Enrol(id);
        await using var watcher = Watcher.Create(host, token: EngineHost.TillKey);
        await watcher.StartAsync();
        await watcher.WatchAsync(id);

        await (await till.Purchase(id, Api.Sale("T-1", "X", "food", 1, 10m))).Json();
        await pushLatency.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));

        var latency = Assert.Single(pushLatency.GetMeasurementSnapshot());
        Assert.InRange(latency.Value, 0, 10);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
