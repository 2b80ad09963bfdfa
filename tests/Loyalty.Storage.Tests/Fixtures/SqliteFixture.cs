using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Tests.Fixtures;

/// <summary>A real SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteFixture : StorageFixture
{
    private string? _folder;

    protected override Task<Action<LoyaltyStorageOptions>> PrepareDatabaseAsync()
    {
        _folder = Directory.CreateTempSubdirectory("loyalty-sqlite-").FullName;
        var folder = Path.Combine(_folder, "data");
        return Task.FromResult<Action<LoyaltyStorageOptions>>(options =>
        {
            options.Provider = StorageProvider.Sqlite;
            options.DataFolder = folder;
        });
    }

    protected override Task ReleaseDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
        return Task.CompletedTask;
    }
}
