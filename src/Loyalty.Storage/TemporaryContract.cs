namespace Loyalty.Storage;
public enum StorageProvider { Sqlite, PostgreSql }
public sealed class LoyaltyStorageOptions { public const string SectionName = "Loyalty:Storage"; public StorageProvider Provider { get; set; } public string? ConnectionString { get; set; } public string DataFolder { get; set; } = "data"; public bool ApplySchemaOnStart { get; set; } = true; }
public interface ILoyaltyDatabase { StorageProvider Provider { get; } Task EnsureSchemaAsync(CancellationToken cancellationToken = default); Task PingAsync(CancellationToken cancellationToken = default); }
public static class LoyaltyStorageSiloBuilderExtensions { public static Orleans.Hosting.ISiloBuilder AddLoyaltyStorage(this Orleans.Hosting.ISiloBuilder silo, Action<LoyaltyStorageOptions> configure) => silo; }
