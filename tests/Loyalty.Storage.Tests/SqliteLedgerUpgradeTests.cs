using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Tests;

/// <summary>
/// A SQLite file made before tills were enrolled gains the ledger's till column, its entries kept; nodes that apply the
/// schema at once all start.
/// </summary>
public sealed class SqliteLedgerUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loyalty-upgrade-").FullName;

    [Fact]
    public async Task An_older_ledger_gains_the_till_column_and_keeps_its_entries()
    {
        var file = Path.Combine(_folder, "loyalty.db");
        await using (var old = new SqliteConnection($"Data Source={file}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText =
                "CREATE TABLE loyalty_ledger (member_id TEXT NOT NULL, sequence INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, " +
                "transaction_id TEXT NULL, store_id TEXT NULL, points INTEGER NOT NULL, balance INTEGER NOT NULL, amount_cents INTEGER NULL, " +
                "description TEXT NOT NULL, details TEXT NULL, PRIMARY KEY (member_id, sequence)) WITHOUT ROWID; " +
                "INSERT INTO loyalty_ledger VALUES ('M-old', 1, 'enrolled', '2025-01-02T03:04:05.0000000Z', NULL, NULL, 0, 0, NULL, 'Enrolled as Ada', NULL);";
            await create.ExecuteNonQueryAsync();
        }

        await using var database = LoyaltyDatabase.Create(
            new LoyaltyStorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={file}" }, _folder);
        await database.EnsureSchemaAsync();
        await database.EnsureSchemaAsync();

        var ledger = new LedgerStore(database);
        var kept = Assert.Single(await ledger.ReadAsync("M-old", before: null, limit: 5));
        Assert.Equal(("enrolled", (string?)null), (kept.Kind, kept.TillId));
        await ledger.AppendAsync("M-old", [new LedgerEntry(2, LedgerKinds.Purchase, kept.At.AddDays(1), "T-1", "S-01", 5, 5, 5.00m, "Purchase", null, "till-a")]);
        Assert.Equal("till-a", (await ledger.ReadAsync("M-old", before: null, limit: 1))[0].TillId);
    }

    [Fact]
    public async Task Nodes_of_one_process_starting_together_on_an_older_file_each_apply_the_schema()
    {
        // An in-process cluster's nodes apply the schema to one file at the same time: each may find the ledger without
        // its till column the moment before another adds it.
        for (var round = 0; round < 20; round++)
        {
            var options = new LoyaltyStorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, $"nodes-{round}.db")}" };
            await using (var first = LoyaltyDatabase.Create(options, _folder))
            {
                await first.EnsureSchemaAsync();
                await using var connection = await first.OpenConnectionAsync(CancellationToken.None);
                await using var drop = first.CreateCommand(connection, "ALTER TABLE loyalty_ledger DROP COLUMN till_id");
                await drop.ExecuteNonQueryAsync();
            }
            var nodes = Enumerable.Range(0, 8).Select(_ => LoyaltyDatabase.Create(options, _folder)).ToList();
            try
            {
                await Task.WhenAll(nodes.Select(node => Task.Run(() => node.EnsureSchemaAsync())));
            }
            finally
            {
                foreach (var node in nodes)
                    await node.DisposeAsync();
            }
            await using var check = new SqliteConnection(options.ConnectionString);
            await check.OpenAsync();
            await using var columns = check.CreateCommand();
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('loyalty_ledger') WHERE name = 'till_id'";
            Assert.Equal(1L, await columns.ExecuteScalarAsync());
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
