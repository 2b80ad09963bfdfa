using System.Data;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;

namespace Loyalty.Storage.Tests;

/// <summary>
/// The ledger's reads of a member's till transactions on each database: the window a member's activation reads (ids
/// and times), one transaction by its id with its refunds, and the indexes they search.
/// </summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static LedgerEntry Txn(long sequence, string kind, int day, string? transactionId, string? details = "{}") =>
        new(sequence, kind, Start.AddDays(day), transactionId, transactionId is null ? null : "S-01", 0, 0, null, kind, details);

    /// <summary>A sale before the window, a club join, a sale with its reward, an expiry, and a refund of the second sale.</summary>
    private static List<LedgerEntry> History() =>
    [
        Txn(1, LedgerKinds.Purchase, 0, "T-1"),
        Txn(2, LedgerKinds.ClubJoined, 1, null),
        Txn(3, LedgerKinds.Purchase, 2, "T-3"),
        Txn(4, LedgerKinds.RewardIssued, 2, "T-3"),
        Txn(5, LedgerKinds.PointsExpired, 3, null),
        Txn(6, LedgerKinds.Refund, 4, "F-6", """{"originalTransactionId":"T-3"}"""),
    ];

    [Fact]
    public async Task Ledger_reads_the_transactions_of_a_window_and_no_entry_without_a_transaction_id()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, History());
        await Fixture.Ledger.AppendAsync(NewMemberId(), History());

        var marks = await Fixture.Ledger.ReadTransactionMarksAsync(member, Start.AddDays(1));

        Assert.Equal([new("T-3", Start.AddDays(2)), new("T-3", Start.AddDays(2)), new TransactionMark("F-6", Start.AddDays(4))], marks);
    }

    [Fact]
    public async Task Ledger_reads_a_transaction_by_its_id_with_the_refunds_that_name_it()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, History());
        var since = Start.AddDays(1);

        Assert.Equal([3L, 4, 6], (await Fixture.Ledger.ReadTransactionsAsync(member, ["T-3"], since)).Select(e => e.Sequence));
        Assert.Equal([6L], (await Fixture.Ledger.ReadTransactionsAsync(member, ["F-6"], since)).Select(e => e.Sequence));
        Assert.Equal([1L, 6], (await Fixture.Ledger.ReadTransactionsAsync(member, ["F-6", "T-1"], since)).Select(e => e.Sequence));
        Assert.Empty(await Fixture.Ledger.ReadTransactionsAsync(member, ["T-2"], since));
        Assert.Empty(await Fixture.Ledger.ReadTransactionsAsync(NewMemberId(), ["T-3"], since));
    }

    [Fact]
    public async Task Ledger_reads_a_redemption_by_its_id_with_the_voids_that_name_it()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member,
        [
            Txn(1, LedgerKinds.Redemption, 1, "R-1"),
            Txn(2, LedgerKinds.RedemptionVoided, 2, "V-1", """{"originalTransactionId":"R-1"}"""),
            Txn(3, LedgerKinds.Adjustment, 2, "A-1", """{"reason":"goodwill"}"""),
            Txn(4, LedgerKinds.RedemptionVoided, 3, "V-2", """{"originalTransactionId":"R-2"}"""),
        ]);

        Assert.Equal([1L, 2], (await Fixture.Ledger.ReadTransactionsAsync(member, ["R-1"], Start)).Select(e => e.Sequence));
        Assert.Equal([3L], (await Fixture.Ledger.ReadTransactionsAsync(member, ["A-1"], Start)).Select(e => e.Sequence));
        Assert.Equal([1L], (await Fixture.Ledger.ReadTransactionsAsync(member, ["R-1"], Start.AddDays(3))).Select(e => e.Sequence)); // the void is before the window
    }

    [Fact]
    public async Task Ledger_reads_a_members_transaction_window_from_its_index_whatever_their_other_entries()
    {
        var member = NewMemberId();
        var clubs = Enumerable.Range(1, 20_000)
            .Select(i => Txn(i, i % 2 == 1 ? LedgerKinds.ClubJoined : LedgerKinds.ClubLeft, 1, null, """{"clubId":"spam"}"""));
        await Fixture.Ledger.AppendAsync(member, [.. clubs, Txn(20_001, LedgerKinds.Purchase, 2, "T-A"), Txn(20_002, LedgerKinds.Purchase, 2, "T-B")]);
        var postgres = Fixture.Database.Provider == StorageProvider.PostgreSql;
        if (postgres)
            await ExecuteAsync("ANALYZE loyalty_ledger");

        var window = await PlanAsync(LedgerStore.WindowSql("transaction_id, at"), member, Start);
        var byId = await PlanAsync("SELECT sequence FROM loyalty_ledger WHERE member_id = @member AND transaction_id IN (@t0)", member, Start);

        Assert.Contains("loyalty_ledger_transactions_by_id", byId, StringComparison.Ordinal);
        if (postgres)
        {
            // Either transaction index (both hold only entries with a transaction id): which one PostgreSQL takes for
            // two rows is a matter of estimates, and other tests' rows in the same table move them.
            Assert.Matches("loyalty_ledger_transactions_by_(time|id)", window);
            Assert.DoesNotContain("Seq Scan", window, StringComparison.Ordinal);
            Assert.DoesNotContain("loyalty_ledger_pk", window, StringComparison.Ordinal);
            Assert.Contains("actual rows=2 ", window, StringComparison.Ordinal); // the two sales, not the 20,000 club entries
        }
        else
            Assert.Contains("COVERING INDEX loyalty_ledger_transactions_by_time (member_id=? AND at>?)", window, StringComparison.Ordinal);
    }

    /// <summary>The plan of a query, as text: PostgreSQL's with the rows each step produced, SQLite's query plan.</summary>
    private async Task<string> PlanAsync(string sql, string member, DateTimeOffset since)
    {
        var explain = Fixture.Database.Provider == StorageProvider.PostgreSql
            ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
            : "EXPLAIN QUERY PLAN ";
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        await using var command = Fixture.Internals.CreateCommand(connection, explain + sql);
        LoyaltyDatabase.AddParameter(command, "member", member, DbType.String);
        LoyaltyDatabase.AddParameter(command, "t0", "T-A", DbType.String);
        Fixture.Internals.AddTimestampParameter(command, "since", since);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1))!);
        return string.Join("\n", lines);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        await using var command = Fixture.Internals.CreateCommand(connection, sql);
        await command.ExecuteNonQueryAsync();
    }
}
