namespace Loyalty.Storage;

/// <summary>The engine's database as a whole: its schema and its reachability.</summary>
public interface ILoyaltyDatabase
{
    /// <summary>Which database this is.</summary>
    StorageProvider Provider { get; }

    /// <summary>Creates the tables and the Orleans query rows when missing, and updates the query rows. Idempotent.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws when the database cannot be reached (for the readiness check).</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
