using System.Data;
using System.Data.Common;
using Npgsql;

namespace Loyalty.Storage.Database;

/// <summary>
/// A PostgreSQL database. One <see cref="NpgsqlDataSource"/> (one connection pool) serves the ledger, the
/// readiness check and the Orleans grain storage.
/// </summary>
internal sealed class PostgreSqlLoyaltyDatabase : LoyaltyDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlLoyaltyDatabase(string connectionString, int commandTimeoutSeconds)
        : base(WithoutJit(connectionString), commandTimeoutSeconds)
    {
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>
    /// The connection string with PostgreSQL's JIT compilation off for the engine's sessions (<c>-c jit=off</c> added to
    /// <c>Options</c>), unless its <c>Options</c> set <c>jit</c> already. The engine's statements are short, but one over
    /// a batch of hundreds of members is estimated dear enough to be compiled: the insights projector's read of new
    /// sales spent 7 ms a batch compiling, and 157 ms (for 80 ms of reading) on the statistics of a ledger not analysed
    /// since a bulk import.
    /// </summary>
    internal static string WithoutJit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true)
            return connectionString;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        return builder.ConnectionString;
    }

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    public override string AdoNetInvariant => "Npgsql";

    public override DbDataSource DataSource => _dataSource;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        // One transaction under an advisory lock, so that nodes starting together apply the scripts one at a time.
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string TakeLock = "SELECT pg_advisory_xact_lock(hashtext('loyalty-schema'))";
        await using (var lockCommand = CreateCommand(connection, TakeLock, transaction, SchemaCommandTimeoutSeconds))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (_, text) in SqlScripts.For(Provider))
        {
            await using var command = CreateCommand(connection, text, transaction, SchemaCommandTimeoutSeconds);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override void AddTimestampParameter(DbCommand command, string name, DateTimeOffset value) =>
        AddParameter(command, name, Normalize(value), DbType.DateTimeOffset);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
