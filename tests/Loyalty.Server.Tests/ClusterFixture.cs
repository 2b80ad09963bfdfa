using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Loyalty.Server.Tests;

/// <summary>
/// Two engine nodes in this process, clustered through their shared PostgreSQL database
/// (<c>Loyalty:Cluster:Mode AdoNet</c>): a throw-away server, or the one <c>LOYALTY_TEST_POSTGRES</c> names. The nodes
/// talk over mutual TLS, with certificates of a throw-away authority.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-cluster-tls-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = "";
    public string ClusterId { get; } = "cluster-tests-" + Guid.NewGuid().ToString("N")[..8];
    public EngineHost Node1 { get; private set; } = null!;
    public EngineHost Node2 { get; private set; } = null!;
    public TestAuthority Authority { get; private set; } = null!;

    /// <summary>A folder of this fixture's own, removed with it: another authority's files, for instance.</summary>
    public string Folder => _folder;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _server = await PostgreSqlServer.StartAsync();
            connectionString = _server.ConnectionString;
        }
        ConnectionString = connectionString;
        Authority = new TestAuthority(_folder, "cluster");
        Node1 = StartNode(Authority.NodeSettings("node1"));
        Node2 = StartNode(Authority.NodeSettings("node2"));
    }

    /// <summary>A node of this cluster (not yet started), with <paramref name="settings"/> over the cluster's own.</summary>
    public EngineHost Node(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Loyalty:Cluster:Mode"] = "AdoNet",
            ["Loyalty:Cluster:ServiceId"] = "loyalty-tests",
            ["Loyalty:Cluster:ClusterId"] = ClusterId,
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        return new EngineHost(new Dictionary<string, string> { ["Provider"] = "PostgreSql", ["ConnectionString"] = ConnectionString }, all,
            services: services);
    }

    private EngineHost StartNode(IReadOnlyDictionary<string, string> settings)
    {
        var node = Node(settings);
        node.StartServer();
        return node;
    }

    public async Task DisposeAsync()
    {
        if (Node2 is not null)
            await Node2.DisposeAsync();
        if (Node1 is not null)
            await Node1.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
