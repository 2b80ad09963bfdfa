using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Loyalty.Storage;

/// <summary>Where the engine keeps its data; bound from <see cref="SectionName"/>.</summary>
public sealed class LoyaltyStorageOptions
{
    public const string SectionName = "Loyalty:Storage";

    /// <summary>The database: SQLite (default) or PostgreSQL.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>PostgreSQL: required. SQLite: optional, overrides the file under <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite: the folder of <c>loyalty.db</c>, relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Create or update the schema when the silo starts.</summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>
    /// How long a command may run, in seconds. With SQLite this is also how long a writer waits for another
    /// writer's lock before it fails.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// PostgreSQL: how long opening a connection may take, in seconds (the connection string's <c>Timeout</c>, unless
    /// it sets one). A server that is down but reachable refuses at once; this bounds the wait for one that is not.
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How long a starting node keeps trying to reach a database that does not answer yet (a transient error: refused,
    /// timed out, starting up), in seconds, before it gives up and the node fails to start. 0: no second try.
    /// </summary>
    public int StartupWaitSeconds { get; set; } = 60;

    /// <summary>
    /// PostgreSQL: how long Npgsql waits, after a command's timeout, for the server to confirm its cancellation before
    /// it drops the connection (Npgsql's default <c>Cancellation Timeout</c>, 2 s).
    /// </summary>
    internal const int CancellationWaitSeconds = 2;

    /// <summary>
    /// The longest one storage operation may take before it fails: opening a connection, the command, and for
    /// PostgreSQL the wait for a timed-out command's cancellation.
    /// </summary>
    public int OperationBoundSeconds => Provider == StorageProvider.PostgreSql
        ? ConnectTimeoutSeconds + CommandTimeoutSeconds + CancellationWaitSeconds
        : CommandTimeoutSeconds;

    /// <summary>PostgreSQL: statements prepared automatically per connection unless the connection string says otherwise.</summary>
    internal const int MaxAutoPreparedStatements = 32;

    /// <summary>The file name of the SQLite database inside <see cref="DataFolder"/>.</summary>
    internal const string SqliteFileName = "loyalty.db";

    /// <summary>
    /// The connection string to use. SQLite without <see cref="ConnectionString"/>: the file <c>loyalty.db</c> in
    /// <see cref="DataFolder"/> under <paramref name="contentRoot"/>. The folder of a SQLite file is created when
    /// missing. <see cref="CommandTimeoutSeconds"/> (and for PostgreSQL <see cref="ConnectTimeoutSeconds"/>) is added
    /// unless the connection string sets that timeout itself.
    /// </summary>
    public string ResolveConnectionString(string contentRoot)
    {
        return Provider switch
        {
            StorageProvider.Sqlite => ResolveSqlite(contentRoot),
            StorageProvider.PostgreSql => ResolvePostgreSql(),
            _ => throw new InvalidOperationException($"{SectionName}:{nameof(Provider)} '{Provider}' is not supported."),
        };
    }

    private string ResolveSqlite(string contentRoot)
    {
        var custom = !string.IsNullOrWhiteSpace(ConnectionString);
        var builder = custom
            ? new SqliteConnectionStringBuilder(ConnectionString)
            : new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(Path.GetFullPath(Path.Combine(contentRoot, DataFolder)), SqliteFileName),
            };
        if (!custom || !HasAny(ConnectionString!, "Default Timeout", "DefaultTimeout", "Command Timeout", "CommandTimeout"))
        {
            builder.DefaultTimeout = CommandTimeoutSeconds;
        }

        CreateFolderOf(builder.DataSource);
        return builder.ToString();
    }

    private string ResolvePostgreSql()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(ConnectionString)} is required when {SectionName}:{nameof(Provider)} is {StorageProvider.PostgreSql}.");
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!HasAny(ConnectionString, "Command Timeout", "CommandTimeout"))
        {
            builder.CommandTimeout = CommandTimeoutSeconds;
        }
        if (!HasAny(ConnectionString, "Timeout"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        // The engine keeps no session state on a connection, so a pooled connection need not be reset when it goes
        // back to the pool (a DISCARD ALL round trip per use, which also drops prepared statements), and its few,
        // fixed statements are prepared once per connection instead of parsed and planned on every call.
        if (!HasAny(ConnectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!HasAny(ConnectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPreparedStatements;
        }
        return builder.ConnectionString;
    }

    private static bool HasAny(string connectionString, params string[] keys)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(parsed.ContainsKey);
    }

    private static void CreateFolderOf(string dataSource)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
