using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using NpgsqlTypes;

namespace Loyalty.Storage.Insights;

/// <summary>
/// Marks members for the insights projector (<c>loyalty_insights_dirty</c>): each mark bumps the member's version, so
/// that the projector, which deletes a mark only while its version is the one it read, never loses a change made while
/// it was projecting the member. A new mark starts at a random version (<see cref="FirstVersion"/>), not at 1: a member
/// marked again after a projector cleared its mark must not get the version that a slower projector still holds, or
/// that projector would clear the new mark and the change would never be projected.
/// </summary>
internal static class InsightsDirtyMarks
{
    /// <summary>Marks per statement: one parameter each.</summary>
    private const int MembersPerStatement = 500;

    /// <summary>The ledger kinds the insights read: everything else leaves them as they are.</summary>
    public static bool IsSale(string kind) => kind is LedgerKinds.Purchase or LedgerKinds.Refund;

    /// <summary>The members with a purchase or a refund among <paramref name="rows"/>, once each, in ordinal order.</summary>
    public static IReadOnlyList<string> MembersWithSales(IEnumerable<(string MemberId, LedgerEntry Entry)> rows) =>
        rows.Where(r => IsSale(r.Entry.Kind)).Select(r => r.MemberId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Marks <paramref name="memberIds"/> (distinct, sorted: concurrent writers lock the rows in the same order and so
    /// never deadlock) inside the caller's transaction.
    /// </summary>
    public static async Task MarkAsync(LoyaltyDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in memberIds.Chunk(MembersPerStatement))
        {
            await using var command = database.CreateCommand(connection, "", transaction);
            command.CommandText = Statement(command, chunk);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The version a new mark starts at: random in [1, 2^62), so that it never meets a cleared mark's version
    /// (one chance in 2^62 per mark made again) and leaves room for the bumps.</summary>
    public static long FirstVersion() => Random.Shared.NextInt64(1, 1L << 62);


    /// <summary>
    /// The statement that marks <paramref name="memberIds"/> (at most <see cref="MembersPerStatement"/>), its parameters
    /// added to <paramref name="command"/> (SQLite; PostgreSQL: <see cref="ArrayStatement"/>).
    /// </summary>
    public static string Statement(DbCommand command, IReadOnlyList<string> memberIds)
    {
        var sql = new StringBuilder("INSERT INTO loyalty_insights_dirty (member_id, version) VALUES ");
        for (var i = 0; i < memberIds.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@mark{i}, @markFirst)");
            LoyaltyDatabase.AddParameter(command, $"mark{i}", memberIds[i], DbType.String);
        }
        LoyaltyDatabase.AddParameter(command, "markFirst", FirstVersion(), DbType.Int64);
        return sql.Append(' ').Append(OnConflict).ToString();
    }

    private const string OnConflict = "ON CONFLICT (member_id) DO UPDATE SET version = loyalty_insights_dirty.version + 1";

    /// <summary>PostgreSQL: <see cref="Statement"/> with the members as one array (<see cref="PostgreSqlArrays"/>), in the order given.</summary>
    public static string ArrayStatement(DbCommand command, IReadOnlyList<string> memberIds)
    {
        PostgreSqlArrays.Add(command, "marks", memberIds.ToArray(), NpgsqlDbType.Text);
        LoyaltyDatabase.AddParameter(command, "markFirst", FirstVersion(), DbType.Int64);
        return "INSERT INTO loyalty_insights_dirty (member_id, version) SELECT m, @markFirst FROM unnest(@marks) AS u(m) " + OnConflict;
    }
}
