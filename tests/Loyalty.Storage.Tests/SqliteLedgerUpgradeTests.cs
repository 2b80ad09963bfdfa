using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Tests;

/// <summary>A SQLite file made before tills were enrolled gains the ledger's till column, its entries kept.</summary>
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
