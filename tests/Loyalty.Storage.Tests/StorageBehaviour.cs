using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Tests.Fixtures;

namespace Loyalty.Storage.Tests;

/// <summary>
/// What the storage promises, whatever the database. Each provider runs all of it through its own fixture:
/// ledger and schema here, the Orleans grain storage contract in StorageBehaviour.GrainStorage.cs.
/// </summary>
public abstract partial class StorageBehaviour<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 15, 0, 123, TimeSpan.Zero);

    protected TFixture Fixture { get; } = fixture;

    private static string NewMemberId() => $"M-{Guid.NewGuid():N}";

    private static LedgerEntry Entry(long sequence, string description = "Purchase", decimal? amount = 10.00m, string? details = null) =>
        new(sequence, LedgerKinds.Purchase, Start.AddMinutes(sequence), $"T-{sequence}", "S-01",
            Points: sequence * 10, Balance: sequence * 100, amount, description, details);

    private static List<LedgerEntry> Entries(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Entry(s)).ToList();

    [Fact]
    public async Task Schema_bootstrap_is_idempotent()
    {
        await Fixture.Database.EnsureSchemaAsync();
        await Fixture.Database.EnsureSchemaAsync();
        await Fixture.Database.PingAsync();

        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        await using var command = Fixture.Internals.CreateCommand(connection,
            "SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey')");
        Assert.Equal(3L, Convert.ToInt64(await command.ExecuteScalarAsync()));

        if (Fixture.Database.Provider == StorageProvider.Sqlite)
        {
            await using var journal = Fixture.Internals.CreateCommand(connection, "PRAGMA journal_mode");
            Assert.Equal("wal", await journal.ExecuteScalarAsync() as string);
        }
    }

    [Fact]
    public async Task Ledger_reads_newest_first_and_pages_back_to_the_first_entry()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, Entries(1, 25));
        await Fixture.Ledger.AppendAsync(NewMemberId(), Entries(1, 30));

        var pages = new List<IReadOnlyList<LedgerEntry>>();
        long? cursor = null;
        while (true)
        {
            var page = await Fixture.Ledger.ReadAsync(member, cursor, limit: 10);
            if (page.Count == 0)
            {
                break;
            }
            pages.Add(page);
            cursor = page[^1].Sequence;
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(s => (long)s), pages.SelectMany(p => p).Select(e => e.Sequence));
        Assert.Equal(Entry(25), pages[0][0]);
        Assert.Equal(Entry(1), pages[^1][^1]);
    }

    [Fact]
    public async Task Ledger_stores_an_entry_once_when_appended_again()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, Entries(1, 5));
        await Fixture.Ledger.AppendAsync(member, Entries(1, 5));

        var overlapping = new List<LedgerEntry> { Entry(4, "changed"), Entry(5, "changed"), Entry(6), Entry(7) };
        await Fixture.Ledger.AppendAsync(member, overlapping);

        var stored = await Fixture.Ledger.ReadAsync(member, before: null, limit: 100);
        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], stored.Select(e => e.Sequence));
        Assert.All(stored, e => Assert.Equal("Purchase", e.Description));
    }

    [Fact]
    public async Task Ledger_appends_a_batch_of_hundreds_of_entries()
    {
        var member = NewMemberId();
        var count = 450;
        await Fixture.Ledger.AppendAsync(member, Entries(1, count));
        await Fixture.Ledger.AppendAsync(member, Entries(count - 10, count + 10));

        var stored = await Fixture.Ledger.ReadAsync(member, before: null, limit: 10_000);
        Assert.Equal(count + 10, stored.Count);
        Assert.Equal(Entry(count + 10), stored[0]);
    }

    [Fact]
    public async Task Ledger_keeps_amounts_exact()
    {
        var member = NewMemberId();
        decimal?[] amounts = [1234567.89m, -6.40m, 0.01m, 0m, null, 99_999_999_999.99m];
        await Fixture.Ledger.AppendAsync(member, amounts.Select((a, i) => Entry(i + 1, amount: a)).ToList());

        var stored = (await Fixture.Ledger.ReadAsync(member, before: null, limit: 10)).Reverse().ToList();
        Assert.Equal(amounts, stored.Select(e => e.Amount));
        Assert.Equal("-6.40", stored[1].Amount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ledger_refuses_an_amount_with_more_than_two_decimals()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Fixture.Ledger.AppendAsync(NewMemberId(), [Entry(1, amount: 1.005m)]));
    }

    [Fact]
    public async Task Ledger_round_trips_details_and_unicode()
    {
        var member = NewMemberId();
        const string details = """{"lines":[{"sku":"LATTE","category":"coffee","quantity":2,"unitPrice":3.20}],"note":"Café ☕ 北京 😀 \"quoted\" \\ slash"}""";
        var entry = new LedgerEntry(1, LedgerKinds.RewardIssued, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567),
            TransactionId: null, StoreId: null, Points: 0, Balance: -15, Amount: null, "Gratis café ☕ für Zoë — 北京 😀", details);
        await Fixture.Ledger.AppendAsync(member, [entry]);

        var stored = Assert.Single(await Fixture.Ledger.ReadAsync(member, before: null, limit: 5));
        Assert.Equal(details, stored.Details);
        Assert.Equal(entry.Description, stored.Description);
        Assert.Null(stored.TransactionId);
        Assert.Null(stored.StoreId);
        Assert.Equal(-15, stored.Balance);
        Assert.Equal(TimeSpan.Zero, stored.At.Offset);
        Assert.Equal(entry.At.AddTicks(-(entry.At.UtcTicks % 10)), stored.At);
    }

    [Fact]
    public async Task Ledger_writers_at_the_same_time_wait_for_each_other()
    {
        var shared = NewMemberId();
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await Fixture.Ledger.AppendAsync(NewMemberId(), Entries(1, 50));
            await Fixture.Ledger.AppendAsync(shared, Entries(i * 5 + 1, i * 5 + 20));
        }));
        await Task.WhenAll(writers);

        var stored = await Fixture.Ledger.ReadAsync(shared, before: null, limit: 1000);
        Assert.Equal(Enumerable.Range(1, 55).Reverse().Select(s => (long)s), stored.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Ledger_appends_of_many_members_at_once_are_each_stored_once()
    {
        var members = Enumerable.Range(0, 200).Select(_ => NewMemberId()).ToArray();
        await Task.WhenAll(members.Select((m, i) => Task.Run(() => Fixture.Ledger.AppendAsync(m, Entries(1, 1 + i % 4)))));
        await Task.WhenAll(members.Select((m, i) => Task.Run(() => Fixture.Ledger.AppendAsync(m, Entries(1, 2 + i % 4)))));

        for (var i = 0; i < members.Length; i++)
        {
            var stored = await Fixture.Ledger.ReadAsync(members[i], before: null, limit: 10);
            Assert.Equal(Entries(1, 2 + i % 4).AsEnumerable().Reverse(), stored);
        }
    }

    [Fact]
    public async Task Ledger_appends_of_many_members_keep_each_column_null_or_not_as_given()
    {
        // Rows of one batch whose nullable columns alternate between null and a value (PostgreSQL sends them as one
        // array a column, SQLite a row at a time): each row comes back as it went in. No sales, which the insights
        // tests of the same database would read.
        var members = Enumerable.Range(0, 20).Select(_ => NewMemberId()).ToArray();
        LedgerEntry Row(int i) => new(1, i % 3 == 0 ? LedgerKinds.Redemption : LedgerKinds.RewardIssued,
            Start.AddMinutes(i).AddTicks(i * 70), TransactionId: i % 2 == 0 ? $"T-{i}" : null, StoreId: i % 3 == 1 ? null : "S-01",
            Points: i * 7, Balance: -i, Amount: i % 4 == 0 ? null : i * 1.25m, Description: $"Entry ☕ {i}",
            Details: i % 5 == 0 ? null : $$"""{"i":{{i}}}""", TillId: i % 2 == 1 ? $"TILL-{i}" : null);
        await Task.WhenAll(members.Select((m, i) => Task.Run(() => Fixture.Ledger.AppendAsync(m, [Row(i)]))));

        for (var i = 0; i < members.Length; i++)
        {
            var stored = Assert.Single(await Fixture.Ledger.ReadAsync(members[i], before: null, limit: 5));
            Assert.Equal(Row(i), stored);
        }
    }

    [Fact]
    public async Task Ledger_append_waits_for_a_writer_holding_a_lock_instead_of_failing()
    {
        var member = NewMemberId();
        var database = Fixture.Internals;
        await using var holder = await database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var insert = database.CreateCommand(holder,
            "INSERT INTO loyalty_ledger (member_id, sequence, kind, at, points, balance, description) " +
            "VALUES (@member, 1, 'enrolled', @at, 0, 0, 'held')", transaction))
        {
            LoyaltyDatabase.AddParameter(insert, "member", member, System.Data.DbType.String);
            database.AddTimestampParameter(insert, "at", Start);
            await insert.ExecuteNonQueryAsync();
        }

        var append = Task.Run(() => Fixture.Ledger.AppendAsync(member, Entries(1, 3)));
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.False(append.IsCompleted);
        await transaction.CommitAsync();
        await append;

        var stored = await Fixture.Ledger.ReadAsync(member, before: null, limit: 10);
        Assert.Equal([3L, 2, 1], stored.Select(e => e.Sequence));
        Assert.Equal("held", stored[^1].Description);
    }

    [Fact]
    public async Task Ledger_read_checks_its_arguments()
    {
        Assert.Empty(await Fixture.Ledger.ReadAsync(NewMemberId(), before: null, limit: 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Fixture.Ledger.ReadAsync(NewMemberId(), null, limit: 0));
        await Fixture.Ledger.AppendAsync(NewMemberId(), []);
    }
}
