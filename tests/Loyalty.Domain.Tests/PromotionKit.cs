using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>Promotions for the tests: running for a week from <see cref="Kit.T0"/>, for every member, unless a test says otherwise.</summary>
internal static class PromotionKit
{
    public static readonly DateTimeOffset Starts = T0;
    public static readonly DateTimeOffset Ends = T0.AddDays(7);

    public static PromotionDefinition Promo(string id, PromotionEffect effect, PromotionAudience? audience = null,
        int? limit = null, long? budget = null) =>
        new(id, $"Promotion {id}", Starts, Ends, audience ?? new PromotionAudience(), effect, limit, budget);

    public static PromotionEffect Multiplier(decimal value, string? category = null, string? sku = null, decimal? minSpend = null) =>
        new(PromotionEffectKind.Multiplier, value, category, sku, minSpend);

    public static PromotionEffect BonusPoints(long value, string? category = null, string? sku = null, decimal? minSpend = null) =>
        new(PromotionEffectKind.BonusPoints, value, category, sku, minSpend);

    public static PromotionEffect BonusStamps(int value, string? category = "coffee", string? sku = null, decimal? minSpend = null) =>
        new(PromotionEffectKind.BonusStamps, value, category, sku, minSpend);

    /// <summary>A member whose purchases see <paramref name="promotions"/>, with an allowance as given (none by default).</summary>
    public static TestMember MemberWith(params PromotionDefinition[] promotions) => MemberWith(null, null, promotions);

    public static TestMember MemberWith(IPromotionBudget? budget, IReadOnlySet<string>? segments, params PromotionDefinition[] promotions) =>
        new() { Promotions = new PromotionContext(promotions, segments, budget) };

    public static PromotionApplied Applied(PromotionDefinition p, long points, int stamps = 0) => new(p.Id, p.Name, points, stamps);
}
