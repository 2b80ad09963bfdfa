using Loyalty.Testing;
using Npgsql;

namespace Loyalty.Server.Tests;

/// <summary>
/// <c>Loyalty.Server migrate</c> on PostgreSQL, run as the engine's own entry point with command-line settings: it
/// creates the engine's tables (the insights read model's and the tills' too), the cluster's and the reminders', with every query the Orleans providers read, and
/// running it again changes nothing.
/// </summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private static readonly string[] Tables =
    [
        "loyalty_grain_state", "loyalty_ledger", "orleansquery", "loyalty_cluster_version", "loyalty_cluster_node", "loyalty_reminder",
        "loyalty_insights_dirty", "loyalty_insights_member", "loyalty_insights_month", "loyalty_member_identifiers",
        "loyalty_tills", "loyalty_till_sessions", "loyalty_catalogue_audit", "loyalty_pending_due", "loyalty_liability",
        "loyalty_liability_members", "loyalty_imports",
        "loyalty_sign_in_code", "loyalty_refresh_family", "loyalty_refresh_token", "loyalty_signing_key",
    ];

    private static readonly string[] QueryKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private PostgreSqlServer? _server;
    private string? _sharedServer;
    private string _database = "";
    private string _connectionString = "";

    /// <summary>An empty database: on a throw-away server, or a new one on the server <c>LOYALTY_TEST_POSTGRES</c> names.</summary>
    public async Task InitializeAsync()
    {
        _sharedServer = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_sharedServer))
        {
            _server = await PostgreSqlServer.StartAsync();
            _connectionString = _server.ConnectionString;
            return;
        }
        _database = "loyalty_migrate_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(_sharedServer, $"CREATE DATABASE {_database}");
        _connectionString = new NpgsqlConnectionStringBuilder(_sharedServer) { Database = _database }.ConnectionString;
    }

    [Fact]
    public async Task Migrate_creates_the_cluster_tables_and_running_it_again_changes_nothing()
    {
        Assert.Equal(0, await MigrateAsync());
        Assert.Equal(Tables.Order(), await ScalarsAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name COLLATE \"C\""));
        var queries = await QueriesAsync();
        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal), queries.Keys.Order(StringComparer.Ordinal));

        // Rows written in between survive a second run, which leaves every query as it was.
        await ExecuteAsync(_connectionString, "INSERT INTO loyalty_cluster_version (cluster_id, version) VALUES ('kept', 7)");
        Assert.Equal(0, await MigrateAsync());

        Assert.Equal([7], await ScalarsAsync<int>("SELECT version FROM loyalty_cluster_version WHERE cluster_id = 'kept'"));
        Assert.Equal(queries, await QueriesAsync());
        Assert.Equal(Tables.Length, (await ScalarsAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).Count);
    }

    /// <summary>Runs the engine's entry point as <c>dotnet Loyalty.Server.dll migrate --Loyalty:Storage:… …</c>.</summary>
    private Task<int> MigrateAsync()
    {
        string[] args = ["migrate", "--Loyalty:Storage:Provider", "PostgreSql", "--Loyalty:Storage:ConnectionString", _connectionString];
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        return Task.Run(() => (int)entryPoint.Invoke(null, [args])!);
    }

    private async Task<Dictionary<string, string>> QueriesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new Dictionary<string, string>();
        while (await reader.ReadAsync())
            queries.Add(reader.GetString(0), reader.GetString(1));
        return queries;
    }

    private async Task<List<T>> ScalarsAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
        else if (_sharedServer is not null)
            await ExecuteAsync(_sharedServer, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}
