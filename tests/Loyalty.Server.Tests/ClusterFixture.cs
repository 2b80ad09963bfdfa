using Loyalty.Testing;
using Npgsql;

namespace Loyalty.Server.Tests;

/// <summary>
/// Two engine nodes in this process, clustered through their shared PostgreSQL database
/// (<c>Loyalty:Cluster:Mode AdoNet</c>): a throw-away server, or the one <c>LOYALTY_TEST_POSTGRES</c> names.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;

    public string ConnectionString { get; private set; } = "";
    public string ClusterId { get; } = "cluster-tests-" + Guid.NewGuid().ToString("N")[..8];
    public EngineHost Node1 { get; private set; } = null!;
    public EngineHost Node2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _server = await PostgreSqlServer.StartAsync();
            connectionString = _server.ConnectionString;
        }
        ConnectionString = connectionString;
        Node1 = StartNode();
        Node2 = StartNode();
    }

    private EngineHost StartNode()
    {
        var node = new EngineHost(
            new Dictionary<string, string> { ["Provider"] = "PostgreSql", ["ConnectionString"] = ConnectionString },
            new Dictionary<string, string>
            {
                ["Loyalty:Cluster:Mode"] = "AdoNet",
                ["Loyalty:Cluster:ServiceId"] = "loyalty-tests",
                ["Loyalty:Cluster:ClusterId"] = ClusterId,
            });
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
    }
}
