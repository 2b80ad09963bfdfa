using Loyalty.Grains;
using System.Net;
using Loyalty.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Loyalty.Server.Hosting;

/// <summary>
/// The Orleans side of the host. <c>Loyalty:Cluster:Mode</c> decides which Orleans providers are registered, so it is
/// read while the host is built; every other setting is read when the silo starts, from the final configuration, so
/// that environment variables, the command line and test hosts can all set them.
/// </summary>
public static class SiloConfiguration
{
    public static ISiloBuilder UseLoyaltySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var mode = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>()?.Mode ?? ClusterMode.Localhost;

        // Options configured later win: localhost clustering's own defaults (ports, ids) first, then ours.
        if (mode == ClusterMode.Localhost)
            silo.UseLocalhostClustering();
        ConfigureNode(silo.Services);
        switch (mode)
        {
            case ClusterMode.Localhost:
                silo.UseInMemoryReminderService(); // one node: the insights projector's reminder need not outlive it
                silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
                    o.PrimarySiloEndpoint = new IPEndPoint(s.Value.ResolveAdvertisedAddress() ?? IPAddress.Loopback, s.Value.SiloPort));
                break;
            case ClusterMode.AdoNet:
                silo.UseLoyaltyDatabaseClustering();
                silo.Services.AddLoyaltyFailureDetection();
                break;
            case ClusterMode.Kubernetes:
                silo.UseLoyaltyDatabaseClustering();
                silo.Services.AddLoyaltyFailureDetection();
                silo.UseKubernetesHosting(); // after ours: the pod's labels and IP win over Loyalty:Cluster
                break;
        }

        silo.AddLoyaltyStorage(o => configuration.GetSection(LoyaltyStorageOptions.SectionName).Bind(o));
        silo.Services.AddLoyaltyStorageFailureTranslation();
        if (TelemetrySetup.IsOtlpExportEnabled(configuration))
            silo.AddActivityPropagation(); // a grain call's span joins the trace of the request that made it
        if (DashboardSettings.IsEnabled(configuration))
            silo.AddLoyaltyDashboard(configuration);
        return silo;
    }

    /// <summary>The node's identity, ports and address, from <see cref="ClusterSettings"/>, checked at start.</summary>
    private static void ConfigureNode(IServiceCollection services)
    {
        services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterSettings>, ClusterSettingsValidator>();
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
        {
            o.ServiceId = s.Value.ServiceId;
            o.ClusterId = s.Value.ClusterId;
        });
        services.AddOptions<SiloMessagingOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
            o.ResponseTimeout = TimeSpan.FromSeconds(s.Value.CallTimeoutSeconds));
        services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
            o.CacheSize = s.Value.DirectoryCacheSize);
        services.AddOptions<EndpointOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
        {
            o.SiloPort = s.Value.SiloPort;
            o.GatewayPort = s.Value.GatewayPort ?? 0; // 0: no gateway
            if (s.Value.ResolveAdvertisedAddress() is { } address)
                o.AdvertisedIPAddress = address;
        });
        services.AddLoyaltyClusterTls();
    }
}
