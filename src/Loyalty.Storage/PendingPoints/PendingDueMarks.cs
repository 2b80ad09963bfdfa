using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using NpgsqlTypes;

namespace Loyalty.Storage.PendingPoints;

/// <summary>
/// Keeps <c>loyalty_pending_due</c> in step with the ledger: a sale whose points went pending upserts its member's row
/// in the same transaction as its ledger row, so the release day is durable whenever the sale is in the ledger. The
/// day only ever moves earlier here, and each upsert bumps the version, so that a scheduler that claimed the row
/// before leaves it alone (<see cref="PendingDueStore.CompleteAsync"/>). An entry sent again upserts again: a row with
/// nothing due is harmless (the member answers with its next release day).
/// </summary>
internal static class PendingDueMarks
{
    /// <summary>Rows per statement: two parameters each.</summary>
    private const int MembersPerStatement = 400;

    /// <summary>The earliest release day of each member's pending sales among <paramref name="rows"/>, in ordinal member order.</summary>
    public static IReadOnlyList<(string MemberId, DateOnly Day)> Of(IEnumerable<(string MemberId, LedgerEntry Entry)> rows)
    {
        Dictionary<string, DateOnly>? days = null;
        foreach (var (memberId, entry) in rows)
            if (Programme.PendingReleaseOf(entry) is { } day)
            {
                days ??= new Dictionary<string, DateOnly>(StringComparer.Ordinal);
                if (!days.TryGetValue(memberId, out var known) || day < known)
                    days[memberId] = day;
            }
        return days is null ? [] : days.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Value)).ToList();
    }


    /// <summary>Upserts <paramref name="due"/> inside the caller's transaction.</summary>
    public static async Task MarkAsync(LoyaltyDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string MemberId, DateOnly Day)> due)
    {
        foreach (var chunk in due.Chunk(MembersPerStatement))
        {
            await using var command = database.CreateCommand(connection, "", transaction);
            command.CommandText = Statement(command, chunk);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The upsert of <paramref name="due"/> (at most <see cref="MembersPerStatement"/>, one row per member), its parameters
    /// added to <paramref name="command"/> (SQLite; PostgreSQL: <see cref="ArrayStatement"/>).
    /// </summary>
    public static string Statement(DbCommand command, IReadOnlyList<(string MemberId, DateOnly Day)> due)
    {
        var sql = new StringBuilder("INSERT INTO loyalty_pending_due (member_id, due_day, version) VALUES ");
        for (var i = 0; i < due.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@pm{i}, @pd{i}, @pv)");
            LoyaltyDatabase.AddParameter(command, $"pm{i}", due[i].MemberId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"pd{i}", due[i].Day.DayNumber, DbType.Int32);
        }
        // A random first version, as for the insights marks: a row deleted and inserted again never meets a version
        // that a slow scheduler still holds.
        LoyaltyDatabase.AddParameter(command, "pv", Random.Shared.NextInt64(1, 1L << 62), DbType.Int64);
        return sql.Append(' ').Append(OnConflict).ToString();
    }

    /// <summary>A member marked again keeps the earlier of its two due days.</summary>
    private const string OnConflict = "ON CONFLICT (member_id) DO UPDATE SET "
        + "due_day = CASE WHEN excluded.due_day < loyalty_pending_due.due_day THEN excluded.due_day ELSE loyalty_pending_due.due_day END, "
        + "version = loyalty_pending_due.version + 1";

    /// <summary>PostgreSQL: <see cref="Statement"/> with the members and days as arrays (<see cref="PostgreSqlArrays"/>), in the order given.</summary>
    public static string ArrayStatement(DbCommand command, IReadOnlyList<(string MemberId, DateOnly Day)> due)
    {
        PostgreSqlArrays.Add(command, "pms", due.Select(d => d.MemberId).ToArray(), NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "pds", due.Select(d => d.Day.DayNumber).ToArray(), NpgsqlDbType.Integer);
        LoyaltyDatabase.AddParameter(command, "pv", Random.Shared.NextInt64(1, 1L << 62), DbType.Int64);
        return "INSERT INTO loyalty_pending_due (member_id, due_day, version) SELECT m, d, @pv FROM unnest(@pms, @pds) AS u(m, d) " + OnConflict;
    }
}
