using System.Data;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;

namespace Loyalty.Storage.Privacy;

/// <summary>An entry of the ledger with whose it is, for exports of the whole ledger.</summary>
public sealed record MemberLedgerEntry(string MemberId, LedgerEntry Entry);

/// <summary>
/// Every member's ledger entries made in a time range, in the order (time, member id, sequence), a page at a time:
/// each page one indexed range read (<c>loyalty_ledger_by_time</c>) that starts after the last entry of the page before.
/// </summary>
public sealed class LedgerRangeReader
{
    private readonly LoyaltyDatabase _database;

    internal LedgerRangeReader(LoyaltyDatabase database) => _database = database;

    /// <summary>
    /// At most <paramref name="limit"/> entries made at or after <paramref name="from"/> and before <paramref name="until"/>,
    /// after <paramref name="after"/> (from the first when null), in time order.
    /// </summary>
    public async Task<IReadOnlyList<MemberLedgerEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset until, MemberLedgerEntry? after, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // After the first page the row value alone is the lower bound (the last entry read is in the range): given
        // "at >= @from" too, SQLite would bound its index scan by that and read every earlier page again.
        var sql = $"SELECT member_id, {LedgerStore.Columns} FROM loyalty_ledger WHERE at < @until AND "
                  + (after is null ? "at >= @from " : "(at, member_id, sequence) > (@at, @member, @sequence) ")
                  + "ORDER BY at, member_id, sequence LIMIT @limit";
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, sql);
        _database.AddTimestampParameter(command, "until", until);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        if (after is null)
        {
            _database.AddTimestampParameter(command, "from", from);
        }
        else
        {
            _database.AddTimestampParameter(command, "at", after.Entry.At);
            LoyaltyDatabase.AddParameter(command, "member", after.MemberId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "sequence", after.Entry.Sequence, DbType.Int64);
        }
        var entries = new List<MemberLedgerEntry>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new MemberLedgerEntry(reader.GetString(0), LedgerStore.ReadEntry(_database, reader, first: 1)));
        return entries;
    }
}
