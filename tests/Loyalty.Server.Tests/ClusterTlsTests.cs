using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Runtime;
using Loyalty.Server.Tests.Testing;

namespace Loyalty.Server.Tests;

/// <summary>
/// The nodes of a cluster talk over mutual TLS: only a process that holds a certificate of the cluster's authority
/// may join the cluster or call a grain through a node's Orleans ports; any other is refused.
/// </summary>
[WaitsAtLength]
public sealed class ClusterTlsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task The_silo_port_speaks_TLS_and_presents_the_node_certificate()
    {
        using var ours = cluster.Authority.Issue("tls-probe");
        var endpoint = cluster.Node1.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "node1",
            ClientCertificates = new X509CertificateCollection { ours },
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("CN=node1", tls.RemoteCertificate?.Subject);
    }

    [Fact]
    public async Task An_Orleans_client_with_a_certificate_of_the_cluster_authority_calls_a_grain_through_a_gateway_opened_on_purpose()
    {
        var id = Api.NewMemberId();
        var (gateway, node) = await StartGatewayNodeAsync();
        await using var _ = node;
        await (await node.Till().Enrol(id)).Json(HttpStatusCode.Created);
        using var certificate = cluster.Authority.Issue("orleans-client");

        var account = await CallThroughClientAsync(gateway, id, c => c.UseTls(certificate, o => o.AllowAnyRemoteCertificate()));

        Assert.NotNull(account);
    }

    public enum Intruder { NoTls, TlsWithoutCertificate, CertificateOfAnotherAuthority }

    [Theory]
    [InlineData(Intruder.NoTls)]
    [InlineData(Intruder.TlsWithoutCertificate)]
    [InlineData(Intruder.CertificateOfAnotherAuthority)]
    public async Task An_Orleans_client_without_a_certificate_of_the_cluster_authority_calls_no_grain(Intruder intruder)
    {
        var id = Api.NewMemberId();
        var (gateway, node) = await StartGatewayNodeAsync();
        await using var _ = node;
        await (await node.Till().Enrol(id)).Json(HttpStatusCode.Created);
        using var foreign = new TestAuthority(Path.Combine(cluster.Folder, "foreign-" + intruder), "foreign").Issue("intruder");
        Action<IClientBuilder> tls = intruder switch
        {
            Intruder.NoTls => _ => { },
            Intruder.TlsWithoutCertificate => c => c.UseTls(o =>
            {
                o.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
                o.AllowAnyRemoteCertificate();
            }),
            _ => c => c.UseTls(foreign, o => o.AllowAnyRemoteCertificate()),
        };

        var failure = await Record.ExceptionAsync(() => CallThroughClientAsync(gateway, id, tls, IntruderPatience));

        Assert.NotNull(failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_node_without_a_certificate_of_the_cluster_authority_cannot_join(bool withTls)
    {
        var settings = withTls
            ? new TestAuthority(Path.Combine(cluster.Folder, "rogue-authority"), "rogue").NodeSettings("rogue-node")
            : new Dictionary<string, string> { ["Loyalty:Cluster:Tls:DisableForLocalTrials"] = "true" };
        var siloPort = FreePort.Next();
        settings["Loyalty:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        settings["Loyalty:Cluster:Membership:MaxJoinAttemptTime"] = "00:00:10";
        var logs = new FakeLogCollector();
        // The cluster may declare the refused node dead before it gives up; Orleans would then end this process.
        await using var rogue = cluster.Node(settings, s => s
            .AddSingleton<IFatalErrorHandler, NoProcessExit>()
            .AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs))));

        var failure = Record.Exception(rogue.StartServer);

        Assert.NotNull(failure);
        Assert.Equal(!withTls, logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning
            && r.Message.StartsWith("Loyalty:Cluster:Tls:DisableForLocalTrials is true: the nodes talk without TLS", StringComparison.Ordinal)));
        Assert.True(failure.ToString().Contains("OrleansClusterConnectivityCheckFailedException", StringComparison.Ordinal), failure.ToString());
        foreach (var node in new[] { cluster.Node1, cluster.Node2 })
        {
            var members = node.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values;
            Assert.DoesNotContain(members, m => m.SiloAddress.Endpoint.Port == siloPort && m.Status == SiloStatus.Active);
        }
    }

    private sealed class NoProcessExit : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => true;
        public void OnFatalException(object? sender, string? context, Exception? exception) { }
    }

    /// <summary>A third node of the cluster, with an Orleans client gateway on a port of its own.</summary>
    private async Task<(IPEndPoint Gateway, EngineHost Node)> StartGatewayNodeAsync()
    {
        var port = FreePort.Next();
        var settings = cluster.Authority.NodeSettings("gateway-node");
        settings["Loyalty:Cluster:GatewayPort"] = port.ToString(CultureInfo.InvariantCulture);
        var node = cluster.Node(settings);
        node.StartServer();
        var silo = node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var membership = cluster.Node1.Services.GetRequiredService<IClusterMembershipService>();
        await Watcher.Until(() => membership.CurrentSnapshot.Members.TryGetValue(silo, out var m) && m.Status == SiloStatus.Active);
        return (new IPEndPoint(IPAddress.Loopback, port), node);
    }

    /// <summary>An Orleans client of its own, through <paramref name="gateway"/>: reads a member's account.</summary>
    /// <summary>
    /// How long an intruder is given to connect and call: a client with the authority's certificate does both in about a
    /// second here (the gateway node's start included), so an intruder still out after ten times that is kept out. (A
    /// refused client does not fail at once: it keeps trying the gateway until the wait runs out.)
    /// </summary>
    private static readonly TimeSpan IntruderPatience = TimeSpan.FromSeconds(10);

    private async Task<AccountView?> CallThroughClientAsync(IPEndPoint gateway, string memberId, Action<IClientBuilder> tls, TimeSpan? patience = null)
    {
        var wait = patience ?? TimeSpan.FromSeconds(30);
        using var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.UseStaticClustering(gateway);
                c.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = ("loyalty-tests", cluster.ClusterId));
                c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
                tls(c);
            })
            .Build();
        try
        {
            await client.StartAsync().WaitAsync(wait);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            return await grains.GetGrain<IMemberGrain>(memberId).GetAccount().WaitAsync(wait);
        }
        finally
        {
            await client.StopAsync(TimeSpan.FromSeconds(5));
        }
    }
}
