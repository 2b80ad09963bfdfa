using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Catalogues;

/// <summary>The catalogues' audit table <c>loyalty_catalogue_audit</c>, in the same SQL for both dialects.</summary>
internal sealed class CatalogueAuditStore(LoyaltyDatabase database) : ICatalogueAuditStore
{
    /// <summary>Rows per INSERT: 7 parameters each, well under either dialect's parameter limit.</summary>
    private const int RowsPerStatement = 200;

    private const string Columns = "sequence, at, by_whom, action, subject_id, subject";

    public Task AppendAsync(string catalogue, IReadOnlyList<CatalogueAuditRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogue);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            return Task.CompletedTask;
        return database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var chunk in rows.Chunk(RowsPerStatement))
                await InsertAsync(connection, transaction, catalogue, chunk, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    public async Task<IReadOnlyList<CatalogueAuditRow>> ReadAsync(string catalogue, long? before, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = $"SELECT {Columns} FROM loyalty_catalogue_audit WHERE catalogue = @catalogue" +
                  (before is null ? "" : " AND sequence < @before") + " ORDER BY sequence DESC LIMIT @limit";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "catalogue", catalogue, DbType.String);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        if (before is not null)
            LoyaltyDatabase.AddParameter(command, "before", before.Value, DbType.Int64);
        return await ReadRowsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<CatalogueAuditRow>> ReadSubjectAsync(string catalogue, string subjectId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogue);
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection,
            $"SELECT {Columns} FROM loyalty_catalogue_audit WHERE catalogue = @catalogue AND subject_id = @subject ORDER BY sequence");
        LoyaltyDatabase.AddParameter(command, "catalogue", catalogue, DbType.String);
        LoyaltyDatabase.AddParameter(command, "subject", subjectId, DbType.String);
        return await ReadRowsAsync(command, cancellationToken);
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, string catalogue,
        IReadOnlyList<CatalogueAuditRow> rows, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(connection, "", transaction);
        var sql = new StringBuilder($"INSERT INTO loyalty_catalogue_audit (catalogue, {Columns}) VALUES ");
        LoyaltyDatabase.AddParameter(command, "catalogue", catalogue, DbType.String);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append($"(@catalogue, @s{i}, @a{i}, @b{i}, @ac{i}, @si{i}, @su{i})");
            LoyaltyDatabase.AddParameter(command, $"s{i}", row.Sequence, DbType.Int64);
            database.AddTimestampParameter(command, $"a{i}", row.At);
            LoyaltyDatabase.AddParameter(command, $"b{i}", row.By, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"ac{i}", row.Action, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"si{i}", row.SubjectId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"su{i}", row.Subject, DbType.String);
        }
        sql.Append(" ON CONFLICT (catalogue, sequence) DO NOTHING");
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<CatalogueAuditRow>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<CatalogueAuditRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new CatalogueAuditRow(reader.GetInt64(0), database.ReadTimestamp(reader, 1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }
}
