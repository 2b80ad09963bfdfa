using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Loyalty.SqlBaseline;

/// <summary>Connections and the two dialects' few differences. PostgreSQL goes through one pooled
/// <see cref="NpgsqlDataSource"/> with automatic statement preparation; SQLite is a file in WAL mode with
/// Microsoft.Data.Sqlite's connection pool, its writers taking turns in this process.</summary>
public sealed class BaselineDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly SemaphoreSlim? _sqliteWriter;

    public BaselineDatabase(BaselineOptions options, string contentRoot)
    {
        Provider = options.Provider;
        if (Provider == BaselineProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Baseline:ConnectionString is required for PostgreSql.");
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            var settings = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (!settings.ContainsKey("Max Auto Prepare"))
                builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
            if (!settings.ContainsKey("Maximum Pool Size"))
                builder.ConnectionStringBuilder.MaxPoolSize = 32;
            _postgres = builder.Build();
        }
        else
        {
            var connectionString = options.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.Combine(contentRoot, "data");
                Directory.CreateDirectory(folder);
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "baseline.db") }.ToString();
            }
            _sqlite = connectionString;
            _sqliteWriter = new SemaphoreSlim(1, 1);
        }
    }

    public BaselineProvider Provider { get; }

    /// <summary>Appended to the account read of a purchase: the row lock that serialises a member's purchases.
    /// SQLite needs none: its write transaction (<c>BEGIN IMMEDIATE</c>) holds the whole file.</summary>
    public string ForUpdate => Provider == BaselineProvider.PostgreSql ? " FOR UPDATE" : "";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellation)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellation);
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellation);
        return connection;
    }

    /// <summary>Runs a write; on SQLite one at a time in this process, so that writers queue here rather than
    /// sleeping on the file's lock.</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellation)
    {
        if (_sqliteWriter is null)
            return await write();
        await _sqliteWriter.WaitAsync(cancellation);
        try
        {
            return await write();
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        foreach (var statement in Provider == BaselineProvider.PostgreSql ? PostgreSqlSchema : SqliteSchema)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    private static readonly string[] SqliteSchema =
    [
        "PRAGMA journal_mode = WAL",
        """
        CREATE TABLE IF NOT EXISTS baseline_accounts (
            member_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NULL,
            email TEXT NULL,
            birth_date TEXT NULL,
            points INTEGER NOT NULL DEFAULT 0,
            lifetime_spend_cents INTEGER NOT NULL DEFAULT 0,
            tier TEXT NOT NULL DEFAULT 'Member',
            enrolled_at_ms INTEGER NOT NULL,
            last_purchase_at_ms INTEGER NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS baseline_ledger (
            id INTEGER NOT NULL PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES baseline_accounts (member_id),
            transaction_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            store_id TEXT NULL,
            spend_cents INTEGER NOT NULL,
            points INTEGER NOT NULL,
            balance_after INTEGER NOT NULL,
            tier TEXT NOT NULL,
            tier_changed INTEGER NOT NULL,
            occurred_at_ms INTEGER NOT NULL,
            recorded_at_ms INTEGER NOT NULL)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS baseline_ledger_member_transaction ON baseline_ledger (member_id, transaction_id)",
    ];

    private static readonly string[] PostgreSqlSchema =
    [
        """
        CREATE TABLE IF NOT EXISTS baseline_accounts (
            member_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NULL,
            email TEXT NULL,
            birth_date TEXT NULL,
            points BIGINT NOT NULL DEFAULT 0,
            lifetime_spend_cents BIGINT NOT NULL DEFAULT 0,
            tier TEXT NOT NULL DEFAULT 'Member',
            enrolled_at_ms BIGINT NOT NULL,
            last_purchase_at_ms BIGINT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS baseline_ledger (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            member_id TEXT NOT NULL REFERENCES baseline_accounts (member_id),
            transaction_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            store_id TEXT NULL,
            spend_cents BIGINT NOT NULL,
            points BIGINT NOT NULL,
            balance_after BIGINT NOT NULL,
            tier TEXT NOT NULL,
            tier_changed BOOLEAN NOT NULL,
            occurred_at_ms BIGINT NOT NULL,
            recorded_at_ms BIGINT NOT NULL)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS baseline_ledger_member_transaction ON baseline_ledger (member_id, transaction_id)",
    ];

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        _sqliteWriter?.Dispose();
    }
}
