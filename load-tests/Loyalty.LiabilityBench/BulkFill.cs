using System.Data.Common;
using System.Globalization;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>
/// Fills a database in bulk SQL as <c>members</c> members would leave it after the counters have run a while: every
/// member has <c>entries</c> ledger entries, each a purchase whose change adds 10 points to one expiry day (spread from
/// 35 days before today to a year after: some lots expired without their member being touched since), every member
/// counted up to their last entry, and the counters summing those changes. Then <see cref="MarkDueAsync"/> gives
/// <c>due</c> members one more entry that is written but not yet counted.
/// </summary>
internal sealed class BulkFill(StorageProvider provider, string connectionString)
{
    public const long PointsPerEntry = 10;

    /// <summary>The end of a change's JSON: written apart, as four braces in a row cannot close an interpolation.</summary>
    private const string Close = "}}";

    public async Task FillAsync(int members, int entries, DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (provider == StorageProvider.PostgreSql)
        {
            await RunAsync($$"""
                INSERT INTO loyalty_ledger (member_id, sequence, kind, at, transaction_id, points, balance, description, liability)
                SELECT 'M-' || lpad(i::text, 8, '0'), s, 'purchase', timestamptz '{{day}}' - (({{entries}} - s) * interval '1 day'),
                       'T-' || i || '-' || s, {{PointsPerEntry}}, {{PointsPerEntry}} * s, 'Purchase',
                       '{"spendable":{"' || to_char(date '{{day}}' + ((i * 7 + s * 13) % 400 - 35), 'YYYY-MM-DD') || '":{{PointsPerEntry}}{{Close}}'
                FROM generate_series(1, {{members}}) AS i, generate_series(1, {{entries}}) AS s;
                INSERT INTO loyalty_liability_members (member_id, written_sequence, projected_sequence)
                SELECT 'M-' || lpad(i::text, 8, '0'), {{entries}}, {{entries}} FROM generate_series(1, {{members}}) AS i;
                INSERT INTO loyalty_liability (kind, expires_on, points)
                SELECT 'spendable', to_char(date '{{day}}' + ((i * 7 + s * 13) % 400 - 35), 'YYYY-MM-DD'), count(*) * {{PointsPerEntry}}
                FROM generate_series(1, {{members}}) AS i, generate_series(1, {{entries}}) AS s GROUP BY 2;
                INSERT INTO loyalty_liability (kind, expires_on, points) VALUES ('debt', '', {{members / 100}});
                """);
            foreach (var table in new[] { "loyalty_ledger", "loyalty_liability_members", "loyalty_liability" })
                await RunAsync($"VACUUM ANALYZE {table}"); // one statement each: VACUUM runs outside a transaction
        }
        else
        {
            await RunAsync($$"""
                BEGIN;
                CREATE TEMP TABLE fill AS
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{members}}),
                               e(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM e WHERE s < {{entries}})
                SELECT i, s, date('{{day}}', ((i * 7 + s * 13) % 400 - 35) || ' days') AS expires_on FROM n, e;
                INSERT INTO loyalty_ledger (member_id, sequence, kind, at, transaction_id, points, balance, description, liability)
                SELECT 'M-' || substr('00000000' || i, -8), s, 'purchase',
                       strftime('%Y-%m-%dT%H:%M:%S', '{{day}}', '-' || ({{entries}} - s) || ' days') || '.0000000Z',
                       'T-' || i || '-' || s, {{PointsPerEntry}}, {{PointsPerEntry}} * s, 'Purchase',
                       '{"spendable":{"' || expires_on || '":{{PointsPerEntry}}{{Close}}'
                FROM fill ORDER BY 1, s;
                INSERT INTO loyalty_liability_members (member_id, written_sequence, projected_sequence)
                SELECT 'M-' || substr('00000000' || i, -8), {{entries}}, {{entries}} FROM fill WHERE s = 1 ORDER BY 1;
                INSERT INTO loyalty_liability (kind, expires_on, points)
                SELECT 'spendable', expires_on, count(*) * {{PointsPerEntry}} FROM fill GROUP BY expires_on;
                INSERT INTO loyalty_liability (kind, expires_on, points) VALUES ('debt', '', {{members / 100}});
                DROP TABLE fill;
                COMMIT;
                ANALYZE;
                """);
        }
    }

    /// <summary>
    /// Gives the first <paramref name="due"/> members one more entry, a purchase of 10 points expiring 200 days after
    /// today, written with its mark as the ledger writes them; returns the points those entries add.
    /// </summary>
    public async Task<long> MarkDueAsync(int due, int entries, DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sequence = entries + 1;
        var expires = today.AddDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = provider == StorageProvider.PostgreSql
            ? $"SELECT 'M-' || lpad(i::text, 8, '0') AS member_id FROM generate_series(1, {due}) AS i"
            : $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {due}) SELECT 'M-' || substr('00000000' || i, -8) AS member_id FROM n";
        var at = provider == StorageProvider.PostgreSql ? $"timestamptz '{day}'" : $"'{day}T00:00:00.0000000Z'";
        await RunAsync($$"""
            INSERT INTO loyalty_ledger (member_id, sequence, kind, at, transaction_id, points, balance, description, liability)
            SELECT member_id, {{sequence}}, 'purchase', {{at}}, 'T-due-' || member_id, {{PointsPerEntry}}, 0, 'Purchase',
                   '{"spendable":{"{{expires}}":{{PointsPerEntry}}{{Close}}' FROM ({{ids}}) AS d;
            UPDATE loyalty_liability_members SET written_sequence = {{sequence}} WHERE member_id IN (SELECT member_id FROM ({{ids}}) AS d);
            """);
        return due * PointsPerEntry;
    }

    private async Task RunAsync(string sql)
    {
        await using DbConnection connection = provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
