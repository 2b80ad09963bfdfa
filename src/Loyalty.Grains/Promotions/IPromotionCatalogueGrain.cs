using Loyalty.Domain;
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

    [Alias("get"), ReadOnly]
    Task<PromotionRecord?> Get(string promotionId);

    /// <summary>Every promotion, by id.</summary>
    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<PromotionRecord>> List();

    /// <summary>The changes, oldest first.</summary>
    [Alias("audit"), ReadOnly]
    Task<IReadOnlyList<PromotionAuditEntry>> Audit();

    /// <summary>The catalogue, when its version is not <paramref name="version"/>; null when nothing changed.</summary>
    [Alias("changes-since"), ReadOnly]
    Task<PromotionCatalogueChanges?> ChangesSince(long version);
}

public static class PromotionCatalogue
{
    public const long Key = 0;

    public static IPromotionCatalogueGrain PromotionCatalogueGrain(this IGrainFactory grains) => grains.GetGrain<IPromotionCatalogueGrain>(Key);
}
