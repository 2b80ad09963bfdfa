using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using NpgsqlTypes;

namespace Loyalty.Storage.Liability;

/// <summary>
/// Marks members for the liability projector (<c>loyalty_liability_members</c>), in the same transaction as the ledger
/// rows: a member's row holds the last sequence written with a liability change (<c>written_sequence</c>) and the last
/// one the projector has added to the counters (<c>projected_sequence</c>); the member is due while the first is ahead.
/// A member's first row starts projected just before the entries that created it, so that the entries written before
/// the counters existed are never read.
/// </summary>
internal static class LiabilityMarks
{
    /// <summary>A member to mark: the first and last sequence of their entries in the insert.</summary>
    public sealed record Mark(string MemberId, long First, long Last);

    /// <summary>Marks per statement: three parameters each.</summary>
    private const int MembersPerStatement = 300;

    /// <summary>The members with a liability change among <paramref name="rows"/>, once each, in ordinal order.</summary>
    public static IReadOnlyList<Mark> Of(IEnumerable<(string MemberId, LedgerEntry Entry)> rows) =>
        rows.GroupBy(r => r.MemberId, StringComparer.Ordinal)
            .Where(g => g.Any(r => r.Entry.Liability is not null))
            .Select(g => new Mark(g.Key, g.Min(r => r.Entry.Sequence), g.Max(r => r.Entry.Sequence)))
            .OrderBy(m => m.MemberId, StringComparer.Ordinal)
            .ToList();


    public static async Task MarkAsync(LoyaltyDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<Mark> marks)
    {
        foreach (var chunk in marks.Chunk(MembersPerStatement))
        {
            await using var command = database.CreateCommand(connection, "", transaction);
            command.CommandText = Statement(command, chunk);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The statement that marks <paramref name="marks"/> (at most <see cref="MembersPerStatement"/>, sorted), its
    /// parameters added to <paramref name="command"/>. Entries sent again (the ledger keeps them once) never move a row back.
    /// </summary>
    public static string Statement(DbCommand command, IReadOnlyList<Mark> marks)
    {
        var sql = new StringBuilder("INSERT INTO loyalty_liability_members (member_id, written_sequence, projected_sequence) VALUES ");
        for (var i = 0; i < marks.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@lm{i}, @lw{i}, @lp{i})");
            LoyaltyDatabase.AddParameter(command, $"lm{i}", marks[i].MemberId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"lw{i}", marks[i].Last, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"lp{i}", marks[i].First - 1, DbType.Int64);
        }
        return sql.Append(' ').Append(OnConflict).ToString();
    }

    private const string OnConflict = "ON CONFLICT (member_id) DO UPDATE SET written_sequence = excluded.written_sequence "
        + "WHERE excluded.written_sequence > loyalty_liability_members.written_sequence";

    /// <summary>PostgreSQL: <see cref="Statement"/> with the marks as arrays (<see cref="PostgreSqlArrays"/>), in the order given.</summary>
    public static string ArrayStatement(DbCommand command, IReadOnlyList<Mark> marks)
    {
        PostgreSqlArrays.Add(command, "lms", marks.Select(m => m.MemberId).ToArray(), NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "lws", marks.Select(m => m.Last).ToArray(), NpgsqlDbType.Bigint);
        PostgreSqlArrays.Add(command, "lps", marks.Select(m => m.First - 1).ToArray(), NpgsqlDbType.Bigint);
        return "INSERT INTO loyalty_liability_members (member_id, written_sequence, projected_sequence) "
            + "SELECT * FROM unnest(@lms, @lws, @lps) " + OnConflict;
    }
}
