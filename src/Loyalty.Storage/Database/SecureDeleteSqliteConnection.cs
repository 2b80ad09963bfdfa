using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Database;

/// <summary>
/// A SQLite connection with <c>PRAGMA secure_delete = ON</c>: what a write deletes or overwrites is zeroed in the file,
/// not left in free space, so an erased member's data is not found in the file's bytes. The pragma holds per
/// connection, so every connection of the engine is one of these (the Orleans grain storage's too, through
/// <see cref="SecureDeleteSqliteDataSource"/>).
/// </summary>
internal sealed class SecureDeleteSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override void Open()
    {
        base.Open();
        using var command = CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON";
        command.ExecuteNonQuery();
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }
}

/// <summary>Hands out <see cref="SecureDeleteSqliteConnection"/>s (to the Orleans grain storage).</summary>
internal sealed class SecureDeleteSqliteDataSource(string connectionString) : DbDataSource
{
    [AllowNull]
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SecureDeleteSqliteConnection(connectionString);
}
