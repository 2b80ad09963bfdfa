using System.Data.Common;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using NpgsqlTypes;

namespace Loyalty.Storage.Ledger;

/// <summary>
/// PostgreSQL's insert of ledger rows, one array a column (<see cref="PostgreSqlArrays"/>): 13 parameters a batch
/// instead of 13 a row. SQLite inserts a row at a time (<see cref="LedgerStore"/>).
/// </summary>
internal static class LedgerRowArrays
{
    public const string Insert =
        $"INSERT INTO loyalty_ledger (member_id, {LedgerStore.Columns}) " +
        "SELECT * FROM unnest(@m, @s, @k, @a, @t, @st, @p, @b, @am, @d, @de, @ti, @li) ON CONFLICT (member_id, sequence) DO NOTHING";

    /// <summary>Adds the columns of <paramref name="rows"/> to <paramref name="command"/> as the parameters of <see cref="Insert"/>.</summary>
    public static void Add(DbCommand command, IReadOnlyList<(string MemberId, LedgerEntry Entry)> rows)
    {
        var n = rows.Count;
        var (members, sequences, kinds, ats) = (new string[n], new long[n], new string[n], new DateTimeOffset[n]);
        var (transactions, stores, points, balances) = (new string?[n], new string?[n], new long[n], new long[n]);
        var (amounts, descriptions, details, tills, liabilities) = (new long?[n], new string[n], new string?[n], new string?[n], new string?[n]);
        for (var i = 0; i < n; i++)
        {
            var (memberId, entry) = rows[i];
            members[i] = memberId;
            sequences[i] = entry.Sequence;
            kinds[i] = entry.Kind;
            ats[i] = LoyaltyDatabase.Normalize(entry.At);
            transactions[i] = entry.TransactionId;
            stores[i] = entry.StoreId;
            points[i] = entry.Points;
            balances[i] = entry.Balance;
            amounts[i] = MoneyCents.ToCents(entry.Amount);
            descriptions[i] = entry.Description;
            details[i] = entry.Details;
            tills[i] = entry.TillId;
            liabilities[i] = entry.Liability?.ToJson();
        }
        PostgreSqlArrays.Add(command, "m", members, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "s", sequences, NpgsqlDbType.Bigint);
        PostgreSqlArrays.Add(command, "k", kinds, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "a", ats, NpgsqlDbType.TimestampTz);
        PostgreSqlArrays.Add(command, "t", transactions, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "st", stores, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "p", points, NpgsqlDbType.Bigint);
        PostgreSqlArrays.Add(command, "b", balances, NpgsqlDbType.Bigint);
        PostgreSqlArrays.Add(command, "am", amounts, NpgsqlDbType.Bigint);
        PostgreSqlArrays.Add(command, "d", descriptions, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "de", details, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "ti", tills, NpgsqlDbType.Text);
        PostgreSqlArrays.Add(command, "li", liabilities, NpgsqlDbType.Text);
    }
}
