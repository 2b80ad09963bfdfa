using Loyalty.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// This node's copy of the promotion catalogue. <see cref="PromotionCatalogueRefresher"/> asks the catalogue grain
/// every <see cref="RefreshInterval"/> whether its version changed (one small call per node, never one per purchase)
/// and swaps in a new <see cref="Snapshot"/>; member grains read the snapshot without waiting.
/// </summary>
public sealed partial class PromotionCatalogueCache(
    IGrainFactory grains,
    Programme programme,
    PromotionBudgetReservations budget,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<PromotionCatalogueCache> logger)
{
    /// <summary>How often a node asks for changes: a new or ended promotion reaches every node within about this.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile PromotionCatalogueSnapshot _snapshot = PromotionCatalogueSnapshot.Empty;
    private IReadOnlyList<PromotionDefinition> _all = [];

    /// <summary>The catalogue as this node last learned it.</summary>
    public PromotionCatalogueSnapshot Snapshot => _snapshot;

    /// <summary>Whether the node has learned the catalogue at least once.</summary>
    public bool Loaded => _snapshot.Version >= 0;

    /// <summary>
    /// Asks the catalogue grain for changes and takes them in; also drops promotions that have gone past the
    /// transaction window. Returns the snapshot now held. Safe to call at any time (the API calls it after a change,
    /// so that the node that made the change applies it at once).
    /// </summary>
    public async Task<PromotionCatalogueSnapshot> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = _snapshot;
            var changes = await grains.PromotionCatalogueGrain().ChangesSince(current.Version);
            if (changes is not null)
            {
                _all = changes.Promotions;
                LogLearned(logger, changes.Version, changes.Promotions.Count);
            }
            var kept = StillApplicable(_all);
            if (changes is not null || kept.Count != current.Promotions.Count)
                _snapshot = new PromotionCatalogueSnapshot(changes?.Version ?? current.Version, kept, budget);
            return _snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private List<PromotionDefinition> StillApplicable(IReadOnlyList<PromotionDefinition> promotions)
    {
        var oldestSale = time.GetUtcNow().AddDays(-programme.Options.TransactionWindowDays);
        return promotions.Where(p => p.EffectiveEnd > oldestSale).ToList();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Promotion catalogue version {Version} learned: {Count} promotion(s)")]
    private static partial void LogLearned(ILogger logger, long version, int count);
}
