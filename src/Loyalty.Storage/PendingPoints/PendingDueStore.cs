using System.Data;
using System.Text;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.PendingPoints;

/// <summary>
/// <see cref="IPendingDueStore"/> on either dialect. A claim is one statement: an UPDATE of the earliest due rows not
/// claimed, found through the day index, returning what it claimed; PostgreSQL locks them with <c>FOR UPDATE SKIP LOCKED</c>
/// so that nodes claiming at the same time take different rows (SQLite has one node and one writer).
/// </summary>
internal sealed class PendingDueStore(LoyaltyDatabase database) : IPendingDueStore
{
    public Task<IReadOnlyList<PendingDueClaim>> ClaimAsync(DateOnly today, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var skipLocked = database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = "UPDATE loyalty_pending_due SET claimed_until = @until WHERE member_id IN (" +
                  "SELECT member_id FROM loyalty_pending_due WHERE due_day <= @today AND (claimed_until IS NULL OR claimed_until < @now) " +
                  $"ORDER BY due_day LIMIT @limit{skipLocked}) RETURNING member_id, due_day, version";
        return database.WriteAsync<IReadOnlyList<PendingDueClaim>>(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = database.CreateCommand(connection, sql);
            LoyaltyDatabase.AddParameter(command, "until", (now + lease).ToUnixTimeMilliseconds(), DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "today", today.DayNumber, DbType.Int32);
            LoyaltyDatabase.AddParameter(command, "now", now.ToUnixTimeMilliseconds(), DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
            var claims = new List<PendingDueClaim>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                claims.Add(new PendingDueClaim(reader.GetString(0), DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetInt64(2)));
            return claims;
        });
    }

    /// <summary>
    /// Rows per command. PostgreSQL: 200 (three parameters each), as the statements of one command are one round trip.
    /// SQLite: one, as there is no round trip, and a command of many statements binds every parameter to each of them.
    /// </summary>
    private int RowsPerCommand => database.Provider == StorageProvider.PostgreSql ? 200 : 1;

    public Task CompleteAsync(IReadOnlyList<PendingDueDone> done, CancellationToken cancellationToken = default)
    {
        if (done.Count == 0)
            return Task.CompletedTask;
        return database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // One lock order for every node; one statement per row, many rows per command.
            foreach (var chunk in done.OrderBy(d => d.MemberId, StringComparer.Ordinal).Chunk(RowsPerCommand))
            {
                await using var command = database.CreateCommand(connection, "", transaction);
                var sql = new StringBuilder();
                for (var i = 0; i < chunk.Length; i++)
                {
                    var row = chunk[i];
                    sql.Append(row.NextRelease is null
                        ? $"DELETE FROM loyalty_pending_due WHERE member_id = @m{i} AND version = @v{i};"
                        : $"UPDATE loyalty_pending_due SET due_day = @d{i}, claimed_until = NULL WHERE member_id = @m{i} AND version = @v{i};");
                    LoyaltyDatabase.AddParameter(command, $"m{i}", row.MemberId, DbType.String);
                    LoyaltyDatabase.AddParameter(command, $"v{i}", row.Version, DbType.Int64);
                    if (row.NextRelease is { } day)
                        LoyaltyDatabase.AddParameter(command, $"d{i}", day.DayNumber, DbType.Int32);
                }
                command.CommandText = sql.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }
}
