using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Database;

/// <summary>
/// A SQLite file in WAL mode. Writers that find the file locked wait up to the command timeout (the connection
/// string's <c>Default Timeout</c>) instead of failing. Every connection zeroes what it deletes (secure delete).
/// </summary>
internal sealed class SqliteLoyaltyDatabase(string connectionString, int commandTimeoutSeconds)
    : LoyaltyDatabase(connectionString, commandTimeoutSeconds)
{
    /// <summary>Fixed width, UTC, 7 fraction digits: text order is time order.</summary>
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SecureDeleteSqliteDataSource _dataSource = new(connectionString);

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override SemaphoreSlim? WriteGate => _writeGate;

    /// <summary>Connections with secure delete on (see <see cref="SecureDeleteSqliteConnection"/>), for the grain storage too.</summary>
    public override DbDataSource DataSource => _dataSource;

    /// <summary>Orleans maps this invariant to Microsoft.Data.Sqlite.</summary>
    public override string AdoNetInvariant => "System.Data.SQLite";

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SecureDeleteSqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        // Not in one transaction: the journal mode cannot change inside one. Every statement is idempotent (an added
        // column once it exists is left out: see SqliteAddedColumns). That check and the ALTER TABLE that follows are
        // two steps, so the nodes of one process (an in-process cluster on one file) apply the schema one at a time:
        // else two of them could both find a column missing, and the second one's ALTER TABLE would fail.
        await SchemaGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            foreach (var (_, script) in SqlScripts.For(Provider))
            {
                var text = await SqliteAddedColumns.WithoutExistingAsync(connection, script, cancellationToken);
                await using var command = CreateCommand(connection, text, timeoutSeconds: SchemaCommandTimeoutSeconds);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            SchemaGate.Release();
        }
    }

    /// <summary>One schema application at a time in this process (it runs once per node start, so one gate serves every file).</summary>
    private static readonly SemaphoreSlim SchemaGate = new(1, 1);

    public override void AddTimestampParameter(DbCommand command, string name, DateTimeOffset value) =>
        AddParameter(command, name, Normalize(value).ToString(TimestampFormat, CultureInfo.InvariantCulture), DbType.String);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
