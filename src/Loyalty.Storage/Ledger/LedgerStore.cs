using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Ledger;

/// <summary>The ledger table <c>loyalty_ledger</c>, in the same SQL for both dialects.</summary>
internal sealed class LedgerStore(LoyaltyDatabase database) : ILedgerStore
{
    /// <summary>Rows per INSERT: 11 parameters each, well under either dialect's parameter limit.</summary>
    internal const int RowsPerStatement = 200;

    private const string Columns =
        "sequence, kind, at, transaction_id, store_id, points, balance, amount_cents, description, details";

    public async Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async () =>
        {
            await InsertAllAsync(memberId, entries, cancellationToken);
            return true;
        });
    }

    private async Task InsertAllAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (entries.Count <= RowsPerStatement)
        {
            await InsertAsync(connection, null, memberId, entries, cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            await InsertAsync(connection, transaction, memberId, chunk, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

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

        var entries = new List<LedgerEntry>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }
        return entries;
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction? transaction, string memberId,
        IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(connection, "", transaction);
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);

        var sql = new StringBuilder($"INSERT INTO loyalty_ledger (member_id, {Columns}) VALUES ");
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            sql.Append(i == 0 ? "" : ", ")
               .Append($"(@member, @s{i}, @k{i}, @a{i}, @t{i}, @st{i}, @p{i}, @b{i}, @am{i}, @d{i}, @de{i})");
            LoyaltyDatabase.AddParameter(command, $"s{i}", entry.Sequence, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"k{i}", entry.Kind, DbType.String);
            database.AddTimestampParameter(command, $"a{i}", entry.At);
            LoyaltyDatabase.AddParameter(command, $"t{i}", entry.TransactionId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"st{i}", entry.StoreId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"p{i}", entry.Points, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"b{i}", entry.Balance, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"am{i}", MoneyCents.ToCents(entry.Amount), DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"d{i}", entry.Description, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"de{i}", entry.Details, DbType.String);
        }
        sql.Append(" ON CONFLICT (member_id, sequence) DO NOTHING");

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private LedgerEntry ReadEntry(DbDataReader reader) => new(
        Sequence: reader.GetInt64(0),
        Kind: reader.GetString(1),
        At: database.ReadTimestamp(reader, 2),
        TransactionId: reader.IsDBNull(3) ? null : reader.GetString(3),
        StoreId: reader.IsDBNull(4) ? null : reader.GetString(4),
        Points: reader.GetInt64(5),
        Balance: reader.GetInt64(6),
        Amount: reader.IsDBNull(7) ? null : MoneyCents.FromCents(reader.GetInt64(7)),
        Description: reader.GetString(8),
        Details: reader.IsDBNull(9) ? null : reader.GetString(9));
}
