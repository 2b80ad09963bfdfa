using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Loyalty.Server.Tests;

/// <summary>A single node (the default <c>Localhost</c> mode) takes its ports and identity from <c>Loyalty:Cluster</c>.</summary>
public sealed class LocalhostNodeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-localhost-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_node_listens_on_its_configured_ports_under_its_configured_ids()
    {
        var (silo, gateway) = (FreePort.Next(), FreePort.Next());
        using var host = new EngineHost(
            new Dictionary<string, string> { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}" },
            new Dictionary<string, string>
            {
                ["Loyalty:Cluster:SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Loyalty:Cluster:GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Loyalty:Cluster:ServiceId"] = "loyalty-single",
                ["Loyalty:Cluster:ClusterId"] = "single-node",
            });
        host.StartServer();

        var details = host.Services.GetRequiredService<ILocalSiloDetails>();
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("127.0.0.1", silo, gateway), (details.SiloAddress.Endpoint.Address.ToString(), details.SiloAddress.Endpoint.Port, details.GatewayAddress?.Endpoint.Port));
        Assert.Equal(("loyalty-single", "single-node"), (cluster.ServiceId, cluster.ClusterId));
    }

    [Fact]
    public void The_node_opens_no_client_gateway_unless_one_is_configured()
    {
        using var host = new EngineHost(
            new Dictionary<string, string> { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}" });
        host.StartServer();

        var details = host.Services.GetRequiredService<ILocalSiloDetails>();
        Assert.Null(details.GatewayAddress);
        Assert.Equal(0, host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
