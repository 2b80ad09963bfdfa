namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// The promotions of <paramref name="context"/> open to the member at <paramref name="now"/>: running, with the
    /// member in the audience, and not used up by the member's per-member limit; in id order. Whether a budget has
    /// points left is for the caller to tell, as the rules do not see the budgets.
    /// </summary>
    public IReadOnlyList<PromotionDefinition> PromotionsOpenTo(MemberState s, PromotionContext context, DateTimeOffset now)
    {
        if (!s.Enrolled || context.Promotions.Count == 0)
            return [];
        return context.Promotions
            .Where(p => p.RunsAt(now) && InAudience(s, p.Audience, context.Segments, now)
                && !(p.LimitPerMember is { } limit && s.PromotionUsesOrEmpty.GetValueOrDefault(p.Id)?.Count >= limit))
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The most points a promotion could ask a budget for on a purchase of <paramref name="lines"/> by the member, at
    /// any tier: 0 when it cannot apply (outside its window at <paramref name="occurredAt"/>, the member outside its
    /// audience, or no matching lines). A host uses it to set enough of a budget aside before applying the purchase.
    /// </summary>
    public long MostPromotionPoints(MemberState s, PromotionDefinition p, IReadOnlyList<PurchaseLine> lines,
        IReadOnlySet<string>? segments, DateTimeOffset occurredAt)
    {
        if (!p.RunsAt(occurredAt) || !InAudience(s, p.Audience, segments, occurredAt))
            return 0;
        var (spend, units) = MatchingSpend(p.Effect, lines, null);
        if (!Holds(p.Effect, spend, units))
            return 0;
        switch (p.Effect.Kind)
        {
            case PromotionEffectKind.BonusPoints:
                return (long)decimal.Truncate(p.Effect.Value);
            case PromotionEffectKind.Multiplier:
                var mostPerUnit = _options.PointsPerCurrencyUnit * _options.Tiers.Max(t => t.Multiplier);
                return (long)decimal.Ceiling(spend * mostPerUnit * (p.Effect.Value - 1m));
            default:
                return 0;
        }
    }
}
