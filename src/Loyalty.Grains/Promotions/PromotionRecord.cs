using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>A promotion in the catalogue: its definition, and who created and ended it, when.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-record")]
public sealed record PromotionRecord(
    [property: Id(0)] PromotionDefinition Definition,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string CreatedBy,
    [property: Id(3)] string? EndedBy = null);

/// <summary>One change of the catalogue: who made it, when, and the promotion as it became.</summary>
/// <param name="Action"><c>created</c> or <c>ended</c>.</param>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-audit-entry")]
public sealed record PromotionAuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string Action,
    [property: Id(4)] PromotionDefinition Promotion);

/// <summary>The catalogue at <see cref="Version"/>: every promotion it holds, as nodes cache it.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-catalogue-changes")]
public sealed record PromotionCatalogueChanges(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<PromotionDefinition> Promotions);
