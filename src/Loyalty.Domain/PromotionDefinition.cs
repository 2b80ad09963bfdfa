namespace Loyalty.Domain;

/// <summary>
/// A members-only promotion as marketing defines it. It runs in the half-open window
/// [<see cref="StartsAt"/>, <see cref="EndsAt"/>): a purchase that occurred at <see cref="StartsAt"/> is in it, one
/// at <see cref="EndsAt"/> is not. Ended early, it also stops at <see cref="EndedAt"/> (exclusive). What counts is
/// the moment the purchase occurred, not when the till reported it. Check a definition with
/// <see cref="PromotionValidation.Validate"/>.
/// </summary>
/// <param name="LimitPerMember">How many purchases of one member it may apply to; null for no limit.</param>
/// <param name="BudgetPoints">The points it may give all members together; null for no budget.</param>
/// <param name="EndedAt">When marketing ended it early; null while it runs to <see cref="EndsAt"/>.</param>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-definition")]
public sealed record PromotionDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] PromotionAudience Audience,
    [property: Id(5)] PromotionEffect Effect,
    [property: Id(6)] int? LimitPerMember = null,
    [property: Id(7)] long? BudgetPoints = null,
    [property: Id(8)] DateTimeOffset? EndedAt = null)
{
    /// <summary>Whether a purchase that occurred at <paramref name="at"/> falls in the promotion's window.</summary>
    public bool RunsAt(DateTimeOffset at) => at >= StartsAt && at < EndsAt && (EndedAt is null || at < EndedAt);

    /// <summary>The end of the window: <see cref="EndsAt"/>, or <see cref="EndedAt"/> when it ended earlier.</summary>
    public DateTimeOffset EffectiveEnd => EndedAt is { } ended && ended < EndsAt ? ended : EndsAt;
}

/// <summary>
/// Who a promotion is for. Every condition given must hold; with none, it is for every member.
/// </summary>
/// <param name="ClubId">Members of this club who joined it no later than the purchase occurred.</param>
/// <param name="MinTier">Members whose tier (the one the purchase earns at) is this tier or above.</param>
/// <param name="Segment">Members in this segment (<see cref="MemberSegments"/>).</param>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-audience")]
public sealed record PromotionAudience(
    [property: Id(0)] string? ClubId = null,
    [property: Id(1)] string? MinTier = null,
    [property: Id(2)] string? Segment = null);

/// <summary>
/// What a promotion gives, and on which lines. The matching lines are the purchase's qualifying lines (see
/// <see cref="ProgrammeOptions.NonQualifyingCategories"/>) whose category (case-insensitive) and SKU (exact) are the
/// ones given; the effect needs at least one matching line, and their spend must reach <see cref="MinSpend"/>.
/// </summary>
/// <param name="Value">The multiplier (above 1, at most 10), or the whole number of bonus points or stamps.</param>
/// <param name="Category">Only lines of this category count; for bonus stamps, required: the category of a stamp card.</param>
/// <param name="Sku">Only lines of this SKU count.</param>
/// <param name="MinSpend">The least spend of the matching lines for the promotion to apply.</param>
[GenerateSerializer, Immutable, Alias("loyalty.promotion-effect")]
public sealed record PromotionEffect(
    [property: Id(0)] PromotionEffectKind Kind,
    [property: Id(1)] decimal Value,
    [property: Id(2)] string? Category = null,
    [property: Id(3)] string? Sku = null,
    [property: Id(4)] decimal? MinSpend = null);
