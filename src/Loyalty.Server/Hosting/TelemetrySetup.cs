using Loyalty.Grains.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Loyalty.Server.Hosting;

/// <summary>
/// Metrics and traces. The engine's instruments (<see cref="LoyaltyMetrics"/>) are always recorded, so that
/// <c>dotnet-counters</c> can read them from a running node. OpenTelemetry exports them, with ASP.NET Core's and
/// Orleans' metrics and traces, over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other
/// standard <c>OTEL_*</c> variables apply too); without it nothing is exported and no span is recorded.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "loyalty-engine";

    /// <summary>The meters exported besides ours: Orleans', and .NET's runtime meter (ASP.NET Core's come with its instrumentation).</summary>
    public static readonly string[] Meters = [LoyaltyMetrics.MeterName, "Microsoft.Orleans", "System.Runtime"];

    /// <summary>The activity sources exported besides ASP.NET Core's: Orleans grain calls, its runtime, and its storage.</summary>
    public static readonly string[] ActivitySourceNames =
        [ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName];

    /// <summary>Whether OTLP export is configured: decided while the host is built, like the silo's call filters.</summary>
    public static bool IsOtlpExportEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static WebApplicationBuilder AddLoyaltyTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddLoyaltyMetrics();
        if (!IsOtlpExportEnabled(builder.Configuration))
            return builder;

        var serviceName = builder.Configuration[ServiceNameKey] is { Length: > 0 } name ? name : DefaultServiceName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(Meters))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(ActivitySourceNames))
            .UseOtlpExporter();
        return builder;
    }
}
