namespace Loyalty.Storage;

/// <summary>The database behind the engine: <c>Loyalty:Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>A local file; a single node (localhost clustering) only.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server; required for a cluster of nodes.</summary>
    PostgreSql,
}
