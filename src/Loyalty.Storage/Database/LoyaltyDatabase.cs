using System.Data;
using System.Data.Common;

namespace Loyalty.Storage.Database;

/// <summary>
/// The engine's database: opens connections, applies the schema, and knows the few differences between the dialects
/// that the ledger needs.
/// </summary>
internal abstract class LoyaltyDatabase(string connectionString, int commandTimeoutSeconds) : ILoyaltyDatabase, IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    /// <summary>The resolved connection string, shared with the Orleans grain storage.</summary>
    public string ConnectionString { get; } = connectionString;

    public int CommandTimeoutSeconds { get; } = commandTimeoutSeconds;

    /// <summary>Schema scripts may wait for another node applying them: they get longer than ordinary commands.</summary>
    protected const int SchemaCommandTimeoutSeconds = 60;

    /// <summary>The ADO.NET invariant under which Orleans finds this database's provider factory.</summary>
    public abstract string AdoNetInvariant { get; }

    /// <summary>A data source for Orleans to share our connection pool, when the provider has one.</summary>
    public virtual DbDataSource? DataSource => null;

    /// <summary>
    /// Writers of this process take turns through this gate when the database has a single writer (SQLite): they wait
    /// here, asynchronously and in order, instead of colliding in the database and sleeping on its lock.
    /// </summary>
    public virtual SemaphoreSlim? WriteGate => null;

    /// <summary>Runs a write through <see cref="WriteGate"/>, when there is one.</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        if (WriteGate is not { } gate)
            return await write();
        await gate.WaitAsync();
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }

    public static LoyaltyDatabase Create(LoyaltyStorageOptions options, string contentRoot)
    {
        var connectionString = options.ResolveConnectionString(contentRoot);
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteLoyaltyDatabase(connectionString, options.CommandTimeoutSeconds),
            StorageProvider.PostgreSql => new PostgreSqlLoyaltyDatabase(connectionString, options.CommandTimeoutSeconds),
            _ => throw new InvalidOperationException($"{LoyaltyStorageOptions.SectionName}:Provider '{options.Provider}' is not supported."),
        };
    }

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    public abstract Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, "SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public DbCommand CreateCommand(DbConnection connection, string text, DbTransaction? transaction = null, int? timeoutSeconds = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.CommandTimeout = timeoutSeconds ?? CommandTimeoutSeconds;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a ledger timestamp parameter, stored in UTC to whole microseconds.</summary>
    public abstract void AddTimestampParameter(DbCommand command, string name, DateTimeOffset value);

    public abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public static void AddParameter(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Truncates to whole microseconds, the precision both dialects keep, and moves to UTC.</summary>
    internal static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
