using System.Net;
using Loyalty.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Loyalty.Server.Hosting;

/// <summary>
/// The Orleans side of the host. Settings are read when the silo starts, from the final configuration, so that
/// environment variables, the command line and test hosts can all set them.
/// </summary>
public static class SiloConfiguration
{
    public static ISiloBuilder UseLoyaltySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.UseLocalhostClustering();
        var services = silo.Services;
        services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.SectionName);
        services.AddOptions<EndpointOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
        {
            o.SiloPort = s.Value.SiloPort;
            o.GatewayPort = s.Value.GatewayPort;
        });
        services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
            o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, s.Value.SiloPort));
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterSettings>>((o, s) =>
        {
            o.ServiceId = s.Value.ServiceId;
            o.ClusterId = s.Value.ClusterId;
        });
        silo.AddLoyaltyStorage(o => configuration.GetSection(LoyaltyStorageOptions.SectionName).Bind(o));
        return silo;
    }
}
