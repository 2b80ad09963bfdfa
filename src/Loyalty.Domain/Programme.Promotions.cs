namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Applies the promotions of <paramref name="context"/> to a sale whose tier is settled: picks those that apply,
    /// takes their budget, shares the single rounding among them, counts limited uses and adds bonus stamps.
    /// Returns the sale's points (base and promotions, rounded once) and what each promotion gave, in id order.
    /// </summary>
    private (long Earned, PromotionGrant[] Grants) ApplyPromotions(MemberState s, PromotionContext? context,
        IReadOnlyList<PurchaseLine> lines, DateTimeOffset occurredAt, decimal pointsPerUnit, decimal baseExact)
    {
        if (context is null || context.Promotions.Count == 0)
            return (Floor(baseExact), []);

        var applying = new List<(PromotionDefinition Promotion, decimal Exact, long Taken, StampCardRule? Card)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in context.Promotions.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!seen.Add(p.Id) || !Offers(s, p, context, lines, occurredAt, s.Tier, out var spend, out var card))
                continue;
            var exact = ExactPoints(p.Effect, spend, pointsPerUnit);
            if (p.Effect.Kind != PromotionEffectKind.BonusStamps && exact <= 0)
                continue; // nothing to give: no promotion applied, no use counted
            // Its share of the rounding is at most the exact points rounded up: take that much, give back the rest below.
            var ask = (long)decimal.Ceiling(exact);
            if (p.BudgetPoints is not null && ask > 0 && context.Budget?.TryTake(p.Id, ask) != true)
                continue;
            applying.Add((p, exact, p.BudgetPoints is not null ? ask : 0, card));
        }
        if (applying.Count == 0)
            return (Floor(baseExact), []);

        var shares = ShareRounding(baseExact, applying.Select(a => a.Exact).ToArray());
        var grants = new PromotionGrant[applying.Count];
        for (var i = 0; i < applying.Count; i++)
        {
            var (p, _, taken, card) = applying[i];
            if (taken > shares[i])
                context.Budget!.Return(p.Id, taken - shares[i]);
            var stamps = card is null ? 0 : (int)Math.Min(p.Effect.Value, PromotionValidation.MaxBonusStamps);
            if (card is not null)
                s.Stamps[card.CardId] = s.Stamps.GetValueOrDefault(card.CardId) + stamps;
            if (p.LimitPerMember is not null)
                CountUse(s, p);
            grants[i] = new PromotionGrant(p.Id, p.Name, p.Effect, shares[i], stamps, card?.CardId);
        }
        return (Floor(baseExact) + shares.Sum(), grants);
    }

    /// <summary>
    /// Whether a promotion offers its effect to this sale: it runs, the member (in <paramref name="tier"/>) is in its audience and below its limit,
    /// the sale's matching lines meet its terms, and a bonus-stamps promotion names a configured card (returned).
    /// Budgets are not looked at.
    /// </summary>
    private bool Offers(MemberState s, PromotionDefinition p, PromotionContext context, IReadOnlyList<PurchaseLine> lines,
        DateTimeOffset occurredAt, string tier, out decimal spend, out StampCardRule? card)
    {
        card = null;
        spend = 0;
        if (!p.RunsAt(occurredAt) || !InAudience(s, p.Audience, context.Segments, occurredAt, tier))
            return false;
        if (p.LimitPerMember is { } limit && s.PromotionUsesOrEmpty.GetValueOrDefault(p.Id)?.Count >= limit)
            return false;
        (spend, var units) = MatchingSpend(p.Effect, lines, null);
        if (!Holds(p.Effect, spend, units))
            return false;
        if (p.Effect.Kind != PromotionEffectKind.BonusStamps)
            return true;
        card = PromotionValidation.StampCardOf(p.Effect, _options);
        return card is not null && p.Effect.Value >= 1;
    }

    /// <summary>The bonus stamps the promotions of <paramref name="context"/> would add to a card for this sale. Changes nothing.</summary>
    private long BonusStamps(MemberState s, PromotionContext? context, string cardId, IReadOnlyList<PurchaseLine> lines,
        DateTimeOffset occurredAt, string tier)
    {
        long stamps = 0;
        if (context is null)
            return stamps;
        foreach (var p in context.Promotions.DistinctBy(p => p.Id, StringComparer.Ordinal))
            if (Offers(s, p, context, lines, occurredAt, tier, out _, out var card) && card?.CardId == cardId)
                stamps += (long)Math.Min(p.Effect.Value, PromotionValidation.MaxBonusStamps);
        return stamps;
    }

    /// <summary>
    /// Whether the member is in a promotion's audience for a purchase that occurred at <paramref name="occurredAt"/>,
    /// in <paramref name="tier"/> (by default their tier).
    /// </summary>
    private bool InAudience(MemberState s, PromotionAudience? audience, IReadOnlySet<string>? segments, DateTimeOffset occurredAt,
        string? tier = null)
    {
        if (audience is null)
            return true;
        if (audience.ClubId is { } clubId && !(s.ClubsOrEmpty.TryGetValue(clubId, out var joinedAt) && joinedAt <= occurredAt))
            return false;
        if (audience.MinTier is { } minTier)
        {
            var rank = _options.Tiers.FindIndex(t => string.Equals(t.Name, minTier, StringComparison.Ordinal));
            if (rank < 0 || TierRank(tier ?? s.Tier) < rank) // a tier no longer configured admits no one
                return false;
        }
        return audience.Segment is null || segments?.Contains(audience.Segment) == true;
    }

    /// <summary>
    /// Spend and units of the lines an effect counts: qualifying lines of its category (case-insensitive) and SKU
    /// (exact), less the quantities in <paramref name="refunded"/>.
    /// </summary>
    private (decimal Spend, long Units) MatchingSpend(PromotionEffect effect, IReadOnlyList<PurchaseLine> lines, int[]? refunded)
    {
        decimal spend = 0;
        long units = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!Qualifies(line)
                || (effect.Category is not null && !string.Equals(line.Category, effect.Category, StringComparison.OrdinalIgnoreCase))
                || (effect.Sku is not null && !string.Equals(line.Sku, effect.Sku, StringComparison.Ordinal)))
                continue;
            var quantity = line.Quantity - (refunded?[i] ?? 0);
            spend += quantity * line.UnitPrice;
            units += quantity;
        }
        return (spend, units);
    }

    /// <summary>An effect holds while at least one matching unit is bought and their spend reaches the minimum spend.</summary>
    private static bool Holds(PromotionEffect effect, decimal spend, long units) =>
        units > 0 && (effect.MinSpend is not { } minSpend || spend >= minSpend);

    /// <summary>The points an effect adds before rounding: multipliers on the base points of the matching spend, bonuses whole.</summary>
    private static decimal ExactPoints(PromotionEffect effect, decimal matchingSpend, decimal pointsPerUnit) => effect.Kind switch
    {
        PromotionEffectKind.Multiplier => matchingSpend * pointsPerUnit * (effect.Value - 1m),
        PromotionEffectKind.BonusPoints => decimal.Truncate(effect.Value),
        _ => 0m,
    };

    /// <summary>
    /// Rounds a purchase once and shares the points the promotions added among them, so that the shares add up exactly:
    /// the total is <c>floor(base + Σ extra)</c>; each promotion gets <c>floor(extra)</c>, and the points the single
    /// rounding leaves over (fewer than the promotions with a fraction) go one each to the largest fractions, the
    /// earlier promotion first on a tie. A share never exceeds its extra rounded up.
    /// </summary>
    internal static long[] ShareRounding(decimal baseExact, IReadOnlyList<decimal> extras)
    {
        var shares = new long[extras.Count];
        var added = Floor(baseExact + extras.Sum()) - Floor(baseExact);
        for (var i = 0; i < shares.Length; i++)
            shares[i] = Floor(extras[i]);
        var left = added - shares.Sum();
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => extras[i] - decimal.Floor(extras[i])).ThenBy(i => i))
        {
            if (left <= 0)
                break;
            shares[i]++;
            left--;
        }
        return shares;
    }

    /// <summary>
    /// What a sale keeps once the quantities in <paramref name="refundedAfter"/> are returned: the points it would have
    /// earned with the lines kept, rounded once, where a promotion still counts while its effect holds on the lines
    /// kept (multipliers on the matching spend kept, bonuses whole). Also the promotions this refund makes lapse: those
    /// that held with <paramref name="refundedBefore"/> and no longer do.
    /// </summary>
    private (long Points, List<PromotionGrant> Lapsed) KeptAfterRefund(PurchaseRecord sale, decimal remainingQualifying,
        int[] refundedBefore, int[] refundedAfter)
    {
        var extras = 0m;
        var lapsed = new List<PromotionGrant>();
        foreach (var grant in sale.Promotions)
        {
            var (spend, units) = MatchingSpend(grant.Effect, sale.Lines, refundedAfter);
            if (Holds(grant.Effect, spend, units))
            {
                extras += ExactPoints(grant.Effect, spend, sale.PointsPerUnit);
                continue;
            }
            var (spendBefore, unitsBefore) = MatchingSpend(grant.Effect, sale.Lines, refundedBefore);
            if (Holds(grant.Effect, spendBefore, unitsBefore))
                lapsed.Add(grant);
        }
        return (Floor(remainingQualifying * sale.PointsPerUnit + extras), lapsed);
    }

    /// <summary>A promotion that no longer applies to a sale gives its use back.</summary>
    private static void ReturnUse(MemberState s, string promotionId)
    {
        if (!s.PromotionUsesOrEmpty.TryGetValue(promotionId, out var use))
            return;
        if (--use.Count <= 0)
            s.PromotionUses.Remove(promotionId);
    }

    private void CountUse(MemberState s, PromotionDefinition p)
    {
        if (!s.PromotionUses.TryGetValue(p.Id, out var use))
            s.PromotionUses[p.Id] = use = new PromotionUse();
        use.Count++;
        var keepUntil = p.EffectiveEnd.AddDays(_options.TransactionWindowDays);
        if (keepUntil > use.KeepUntil)
            use.KeepUntil = keepUntil;
    }

    /// <summary>Forgets the use counts of promotions no purchase can be recorded in any more.</summary>
    private static bool ForgetPromotionUses(MemberState s, DateTimeOffset now)
    {
        if (s.PromotionUsesOrEmpty.Count == 0)
            return false;
        var changed = false;
        foreach (var (id, use) in s.PromotionUses) // removing while enumerating a dictionary is allowed
            if (use.KeepUntil <= now)
                changed |= s.PromotionUses.Remove(id);
        return changed;
    }
}
