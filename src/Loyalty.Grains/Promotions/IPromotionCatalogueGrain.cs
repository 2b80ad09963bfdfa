using Loyalty.Domain;
using Loyalty.Grains.Catalogues;
using Orleans.Concurrency;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// The source of truth of the promotions and of the audit of their changes (one grain, key
/// <see cref="PromotionCatalogue.Key"/>). Purchases never call it: each node keeps the catalogue in memory
/// (<see cref="PromotionCatalogueCache"/>) and asks it only what changed since the version it holds.
/// </summary>
[Alias("loyalty.promotion-catalogue")]
public interface IPromotionCatalogueGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a promotion, giving it its id (<c>P-000001</c>, ...); the draft's id and end are ignored.</summary>
    [Alias("create")]
    Task<PromotionRecord> Create(PromotionDefinition draft, string by);

    /// <summary>Ends a promotion now; idempotent (one already ended or over is returned as it is). Null when unknown.</summary>
    [Alias("end")]
    Task<PromotionRecord?> End(string promotionId, string by);

    /// <summary>A promotion, also one that has left the catalogue (read back from its audit entries); null when unknown.</summary>
    [Alias("get"), ReadOnly]
    Task<PromotionRecord?> Get(string promotionId);

    /// <summary>Every promotion a sale can still fall in (not ended, or ended within the transaction window), by id.</summary>
    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<PromotionRecord>> List();

    /// <summary>At most <paramref name="limit"/> changes, newest first, with a sequence below <paramref name="before"/> (all when null).</summary>
    [Alias("audit-page"), ReadOnly]
    Task<CatalogueAuditPage<PromotionAuditEntry>> Audit(long? before, int limit);

    /// <summary>The catalogue, when its version is not <paramref name="version"/>; null when nothing changed.</summary>
    [Alias("changes-since"), ReadOnly]
    Task<PromotionCatalogueChanges?> ChangesSince(long version);
}

public static class PromotionCatalogue
{
    public const long Key = 0;

    public static IPromotionCatalogueGrain PromotionCatalogueGrain(this IGrainFactory grains) => grains.GetGrain<IPromotionCatalogueGrain>(Key);
}
