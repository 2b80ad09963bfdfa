using Loyalty.Testing;
namespace Loyalty.Storage.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server: the one named by the environment variable <c>LOYALTY_TEST_POSTGRES</c> (a connection
/// string), else a temporary server that this fixture starts and removes.
/// </summary>
public sealed class PostgreSqlFixture : StorageFixture
{
    public const string ConnectionStringVariable = "LOYALTY_TEST_POSTGRES";

    private PostgreSqlServer? _server;

    protected override async Task<Action<LoyaltyStorageOptions>> PrepareDatabaseAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _server = await PostgreSqlServer.StartAsync();
            connectionString = _server.ConnectionString;
        }

        return options =>
        {
            options.Provider = StorageProvider.PostgreSql;
            options.ConnectionString = connectionString;
        };
    }

    protected override async Task ReleaseDatabaseAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
