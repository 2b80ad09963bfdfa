using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Loyalty.PendingReleases;

/// <summary>Direct SQL on the due-time table: the bulk fill, counts and the claim's query plan.</summary>
internal sealed class DueTable(StorageProvider provider, string connectionString)
{
    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<object?> ExecuteAsync(string sql, bool scalar = false)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return scalar ? await command.ExecuteScalarAsync() : await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Adds <paramref name="members"/> rows of members <c>B-1</c>... (never enrolled: the claim is measured, not the
    /// member calls), due on the <paramref name="days"/> days from <paramref name="firstDay"/>, evenly. Returns the seconds it took.
    /// </summary>
    public async Task<double> FillAsync(int members, DateOnly firstDay, int days)
    {
        var clock = Stopwatch.StartNew();
        var from = firstDay.DayNumber;
        await ExecuteAsync(provider == StorageProvider.PostgreSql
            ? $"INSERT INTO loyalty_pending_due (member_id, due_day, version) SELECT 'B-' || g, {from} + g % {days}, 1 FROM generate_series(1, {members}) g"
            : $"WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {members}) " +
              $"INSERT INTO loyalty_pending_due (member_id, due_day, version) SELECT 'B-' || x, {from} + x % {days}, 1 FROM g");
        await ExecuteAsync(provider == StorageProvider.PostgreSql ? "VACUUM ANALYZE loyalty_pending_due" : "ANALYZE");
        return clock.Elapsed.TotalSeconds;
    }

    public async Task<long> CountAsync(string where = "1 = 1") =>
        Convert.ToInt64(await ExecuteAsync($"SELECT COUNT(*) FROM loyalty_pending_due WHERE {where}", scalar: true));

    /// <summary>The plan of the claim's search, as the database would run it for <paramref name="today"/>.</summary>
    public async Task<string> ClaimPlanAsync(DateOnly today, long nowMs)
    {
        var search = "SELECT member_id FROM loyalty_pending_due WHERE due_day <= " + today.DayNumber +
                     $" AND (claimed_until IS NULL OR claimed_until < {nowMs}) ORDER BY due_day LIMIT 500";
        var sql = provider == StorageProvider.PostgreSql
            ? $"EXPLAIN (ANALYZE, BUFFERS) {search} FOR UPDATE SKIP LOCKED"
            : $"EXPLAIN QUERY PLAN {search}";
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            plan.AppendLine(reader.GetValue(reader.FieldCount - 1).ToString());
        return plan.ToString().TrimEnd();
    }
}
