using System.Data;
using System.Text.Json;
using Loyalty.Domain.Imports;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Imports;

/// <summary>The imports' status rows, in the same SQL for both dialects.</summary>
internal sealed class ImportStatusStore(LoyaltyDatabase database) : IImportStatusStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveAsync(ImportStatus status, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = database.CreateCommand(connection,
                "INSERT INTO loyalty_imports (import_id, kind, dry_run, award_points, state, lines_read, accepted, skipped, rejected, errors, message, started_at, updated_at) " +
                "VALUES (@id, @kind, @dryRun, @awardPoints, @state, @linesRead, @accepted, @skipped, @rejected, @errors, @message, @startedAt, @updatedAt) " +
                "ON CONFLICT (import_id) DO UPDATE SET state = excluded.state, lines_read = excluded.lines_read, accepted = excluded.accepted, " +
                "skipped = excluded.skipped, rejected = excluded.rejected, errors = excluded.errors, message = excluded.message, updated_at = excluded.updated_at");
            LoyaltyDatabase.AddParameter(command, "id", status.ImportId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "kind", status.Kind == ImportKind.Members ? "members" : "sales", DbType.String);
            LoyaltyDatabase.AddParameter(command, "dryRun", status.DryRun, DbType.Boolean);
            LoyaltyDatabase.AddParameter(command, "awardPoints", status.AwardPoints, DbType.Boolean);
            LoyaltyDatabase.AddParameter(command, "state", status.State, DbType.String);
            LoyaltyDatabase.AddParameter(command, "linesRead", status.LinesRead, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "accepted", status.Accepted, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "skipped", status.Skipped, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "rejected", status.Rejected, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "errors", JsonSerializer.Serialize(status.Errors, Json), DbType.String);
            LoyaltyDatabase.AddParameter(command, "message", status.Message, DbType.String);
            database.AddTimestampParameter(command, "startedAt", status.StartedAt);
            database.AddTimestampParameter(command, "updatedAt", status.UpdatedAt);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public async Task<ImportStatus?> FindAsync(string importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection,
            "SELECT kind, dry_run, award_points, state, lines_read, accepted, skipped, rejected, errors, message, started_at, updated_at " +
            "FROM loyalty_imports WHERE import_id = @id");
        LoyaltyDatabase.AddParameter(command, "id", importId, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new ImportStatus(importId, reader.GetString(0) == "members" ? ImportKind.Members : ImportKind.Sales,
            reader.GetBoolean(1), reader.GetBoolean(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7), JsonSerializer.Deserialize<ImportLineError[]>(reader.GetString(8), Json) ?? [],
            reader.IsDBNull(9) ? null : reader.GetString(9), database.ReadTimestamp(reader, 10), database.ReadTimestamp(reader, 11));
    }
}
