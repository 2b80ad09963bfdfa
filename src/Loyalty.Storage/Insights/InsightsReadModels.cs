using Loyalty.Storage.Database;

namespace Loyalty.Storage.Insights;

/// <summary>The insights read model of a database outside a silo, for tools (the query plan report).</summary>
public static class InsightsReadModels
{
    /// <summary>Opens the read model of the database <paramref name="options"/> name; dispose the handle to close its pool.</summary>
    public static (IInsightsReadModel ReadModel, IAsyncDisposable Connections) Open(LoyaltyStorageOptions options, string contentRoot)
    {
        var database = LoyaltyDatabase.Create(options, contentRoot);
        return (new InsightsReadModel(database), database);
    }
}
