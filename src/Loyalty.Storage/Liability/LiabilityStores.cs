using Loyalty.Storage.Database;

namespace Loyalty.Storage.Liability;

/// <summary>The liability counters and projector of a database outside a silo, for tools (the liability benchmark).</summary>
public static class LiabilityStores
{
    /// <summary>Opens them on the database <paramref name="options"/> name; dispose the handle to close its pool.</summary>
    public static (ILiabilityCounters Counters, LiabilityProjector Projector, ILoyaltyDatabase Database, IAsyncDisposable Connections) Open(
        LoyaltyStorageOptions options, string contentRoot)
    {
        var database = LoyaltyDatabase.Create(options, contentRoot);
        return (new LiabilityCounters(database), new LiabilityProjector(database), database, database);
    }
}
