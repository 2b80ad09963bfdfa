using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Insights;
using Loyalty.Storage.Liability;
using Loyalty.Storage.PendingPoints;

namespace Loyalty.Storage.Ledger;

/// <summary>
/// The ledger table <c>loyalty_ledger</c>. Reads are the same SQL for both dialects; SQLite inserts a row at a time and
/// PostgreSQL one array a column (<see cref="LedgerRowArrays"/>).
/// </summary>
internal sealed class LedgerStore(LoyaltyDatabase database) : ILedgerStore
{
    internal const string Columns =
        "sequence, kind, at, transaction_id, store_id, points, balance, amount_cents, description, details, till_id, liability";

    private readonly LedgerGroupCommit _groupCommit = new(appends => InsertAllAsync(database, appends));

    public Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
            MoneyCents.ToCents(entry.Amount); // refuses a bad amount here, before it can fail other members' entries
        return entries.Count == 0 ? Task.CompletedTask : _groupCommit.AppendAsync(memberId, entries).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the entries of several members in one transaction, and in the same transaction marks the members with purchases or refunds among them for the insights projector,
    /// and the members with a sale whose points went pending in the due-time table of releases, and those with liability
    /// changes for the liability projector.
    /// </summary>
    private static Task InsertAllAsync(LoyaltyDatabase database, IReadOnlyList<LedgerAppend> appends) =>
        database.WriteAsync(async () =>
        {
            var rows = appends.SelectMany(a => a.Entries.Select(e => (a.MemberId, Entry: e))).ToList();
            var sales = InsightsDirtyMarks.MembersWithSales(rows);
            var pending = PendingDueMarks.Of(rows);
            var liability = LiabilityMarks.Of(rows);
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            if (database.Provider == StorageProvider.Sqlite)
            {
                // SQLite binds each named parameter by a linear search of the statement's names: a row per statement,
                // prepared once and run again for each row, costs far less than hundreds of rows per statement.
                await using var local = await connection.BeginTransactionAsync();
                await InsertRowByRowAsync(database, connection, local, rows);
                await InsightsDirtyMarks.MarkAsync(database, connection, local, sales);
                await PendingDueMarks.MarkAsync(database, connection, local, pending);
                await LiabilityMarks.MarkAsync(database, connection, local, liability);
                await local.CommitAsync();
                return true;
            }
            // PostgreSQL: one command, the insert and each kind of mark one statement over arrays whatever the batch's size,
            // which PostgreSQL runs in one implicit transaction (one round trip).
            await InsertAsync(database, connection, rows, sales, pending, liability);
            return true;
        });

    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(string memberId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var sql = before is null
            ? $"SELECT {Columns} FROM loyalty_ledger WHERE member_id = @member ORDER BY sequence DESC LIMIT @limit"
            : $"SELECT {Columns} FROM loyalty_ledger WHERE member_id = @member AND sequence < @before ORDER BY sequence DESC LIMIT @limit";

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        if (before is not null)
        {
            LoyaltyDatabase.AddParameter(command, "before", before.Value, DbType.Int64);
        }

        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<TransactionMark>> ReadTransactionMarksAsync(string memberId, DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = WindowCommand(connection, "transaction_id, at", memberId, since);
        var marks = new List<TransactionMark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            marks.Add(new TransactionMark(reader.GetString(0), database.ReadTimestamp(reader, 1)));
        return marks;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadTransactionsAsync(string memberId, IReadOnlyCollection<string> transactionIds,
        DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(transactionIds);
        if (transactionIds.Count == 0)
            return [];
        var original = database.Provider == StorageProvider.Sqlite
            ? "json_extract(details, '$.originalTransactionId')"
            : "(details::jsonb ->> 'originalTransactionId')";
        var names = string.Join(", ", transactionIds.Select((_, i) => $"@t{i}"));
        // Two searches of the two transaction indexes: the transactions by id; their refunds and voids among the member's
        // transactions of the window, by kind (in the index) and then by the original the refund names.
        var sql = $"SELECT {Columns} FROM loyalty_ledger WHERE member_id = @member AND transaction_id IN ({names}) "
                + $"UNION SELECT {Columns} FROM loyalty_ledger WHERE member_id = @member AND transaction_id IS NOT NULL "
                + $"AND at >= @since AND kind IN ('{LedgerKinds.Refund}', '{LedgerKinds.RedemptionVoided}') AND {original} IN ({names}) ORDER BY sequence";

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        database.AddTimestampParameter(command, "since", since);
        var n = 0;
        foreach (var id in transactionIds)
            LoyaltyDatabase.AddParameter(command, $"t{n++}", id, DbType.String);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>
    /// Selects <paramref name="columns"/> of the member's entries with a transaction id from <paramref name="since"/> on,
    /// oldest first: a range of the index <c>loyalty_ledger_transactions_by_time</c>.
    /// </summary>
    private DbCommand WindowCommand(DbConnection connection, string columns, string memberId, DateTimeOffset since)
    {
        var command = database.CreateCommand(connection, WindowSql(columns));
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        database.AddTimestampParameter(command, "since", since);
        return command;
    }

    internal static string WindowSql(string columns) =>
        $"SELECT {columns} FROM loyalty_ledger WHERE member_id = @member AND transaction_id IS NOT NULL AND at >= @since ORDER BY at";

    private async Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(ReadEntry(database, reader));
        return entries;
    }

    /// <summary>PostgreSQL: one command inserting <paramref name="rows"/> and making the marks given, its statements in one round trip.</summary>
    private static async Task InsertAsync(LoyaltyDatabase database, DbConnection connection,
        IReadOnlyList<(string MemberId, LedgerEntry Entry)> rows, IReadOnlyList<string> marks,
        IReadOnlyList<(string MemberId, DateOnly Day)> pending, IReadOnlyList<LiabilityMarks.Mark> liability)
    {
        await using var command = database.CreateCommand(connection, "");
        var sql = new StringBuilder(LedgerRowArrays.Insert);
        LedgerRowArrays.Add(command, rows);
        if (marks is { Count: > 0 })
            sql.Append("; ").Append(InsightsDirtyMarks.ArrayStatement(command, marks));
        if (pending is { Count: > 0 })
            sql.Append("; ").Append(PendingDueMarks.ArrayStatement(command, pending));
        if (liability is { Count: > 0 })
            sql.Append("; ").Append(LiabilityMarks.ArrayStatement(command, liability));

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts the rows one by one with the same statement (see <see cref="InsertAllAsync"/>).</summary>
    private static async Task InsertRowByRowAsync(LoyaltyDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string MemberId, LedgerEntry Entry)> rows)
    {
        await using var command = database.CreateCommand(connection,
            $"INSERT INTO loyalty_ledger (member_id, {Columns}) VALUES (@m, @s, @k, @a, @t, @st, @p, @b, @am, @d, @de, @ti, @li) " +
            "ON CONFLICT (member_id, sequence) DO NOTHING", transaction);
        foreach (var (memberId, entry) in rows)
        {
            command.Parameters.Clear();
            LoyaltyDatabase.AddParameter(command, "m", memberId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "s", entry.Sequence, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "k", entry.Kind, DbType.String);
            database.AddTimestampParameter(command, "a", entry.At);
            LoyaltyDatabase.AddParameter(command, "t", entry.TransactionId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "st", entry.StoreId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "p", entry.Points, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "b", entry.Balance, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "am", MoneyCents.ToCents(entry.Amount), DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "d", entry.Description, DbType.String);
            LoyaltyDatabase.AddParameter(command, "de", entry.Details, DbType.String);
            LoyaltyDatabase.AddParameter(command, "ti", entry.TillId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "li", entry.Liability?.ToJson(), DbType.String);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>An entry from the <see cref="Columns"/> of a row, the first of them at <paramref name="first"/>.</summary>
    internal static LedgerEntry ReadEntry(LoyaltyDatabase database, DbDataReader reader, int first = 0) => new(
        Sequence: reader.GetInt64(first),
        Kind: reader.GetString(first + 1),
        At: database.ReadTimestamp(reader, first + 2),
        TransactionId: reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        StoreId: reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        Points: reader.GetInt64(first + 5),
        Balance: reader.GetInt64(first + 6),
        Amount: reader.IsDBNull(first + 7) ? null : MoneyCents.FromCents(reader.GetInt64(first + 7)),
        Description: reader.GetString(first + 8),
        Details: reader.IsDBNull(first + 9) ? null : reader.GetString(first + 9),
        TillId: reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10),
        Liability: reader.IsDBNull(first + 11) ? null : LiabilityChange.FromJson(reader.GetString(first + 11)));
}
