using System.Globalization;

namespace Loyalty.Domain.Insights;

/// <summary>
/// The rules of the retention insights, pure functions of a member's <see cref="MemberFacts"/>, the evaluation moment
/// and the <see cref="InsightsOptions"/>. Days are elapsed time divided by 24 hours (fractions kept); months are
/// calendar months (<see cref="DateTimeOffset.AddMonths"/>) of UTC time.
/// </summary>
public static class InsightsRules
{
    private const double DaysPerYear = 365;

    /// <summary>
    /// Evaluates a member at <paramref name="asOf"/>. Orders after asOf (a till clock ahead) count as at asOf.
    /// <list type="bullet">
    /// <item><b>12-month spend</b>: net spend of the orders in <c>(asOf − 365 days, asOf]</c>.</item>
    /// <item><b>Average yearly value</b>: see <see cref="YearlyValue"/>.</item>
    /// <item><b>Lost</b>: no order for at least <c>LostAfterDays</c>: <c>LostAt = LastOrderAt + LostAfterDays ≤ asOf</c>.
    /// A lost member has no risk reasons.</item>
    /// <item><b>Lapsed</b>: see <see cref="UsualIntervalDays"/>; the days since the last order exceed both
    /// <c>LapseMultiple × usual interval</c> and <c>MinLapseDays</c>.</item>
    /// <item><b>Average order value falling</b>: the orders of <c>(asOf − N months, asOf]</c> against those of
    /// <c>(asOf − 2N months, asOf − N months]</c>, N = <c>AovWindowMonths</c>, each window with at least
    /// <c>AovMinOrders</c> orders; falling when <c>recent AOV ≤ (1 − AovDropRatio) × earlier AOV</c>. The order value
    /// of a window is its typical order, the median of its orders' net spends (the mean of the middle two for an even
    /// number), rounded to the cent: one large purchase now and then (a bag of beans, a mug) does not make the orders
    /// after it look smaller.</item>
    /// <item><b>Category dropped</b>: for a category last bought at <c>c</c>: it was regular (bought in at least
    /// <c>CategoryMinMonths</c> distinct calendar months among the orders of <c>(c − 12 months, c]</c>), it has not been
    /// bought for at least <c>CategoryGapDays</c> (<c>asOf − c</c>), and the member made at least
    /// <c>CategoryMinOrdersSince</c> orders after <c>c</c>.</item>
    /// </list>
    /// The value at stake is the average yearly value when the member is at risk, otherwise 0.
    /// </summary>
    public static MemberEvaluation Evaluate(MemberFacts facts, DateTimeOffset asOf, InsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        if (facts.LastOrderAt is not { } last)
            return new MemberEvaluation(null, null, 0, 0, 0, 0, false, null, [], 0);

        var orders = facts.Orders;
        var spend12m = orders.Where(o => o.OccurredAt > asOf.AddDays(-DaysPerYear)).Sum(o => o.SpendCents);
        var yearly = YearlyValue(facts);
        var lostAt = last.AddDays(options.LostAfterDays);
        var isLost = lostAt <= asOf;
        var reasons = new List<RiskReason>();
        if (!isLost)
        {
            if (Lapse(facts, asOf, options) is { } lapse)
                reasons.Add(lapse);
            if (AovFall(orders, asOf, options) is { } fall)
                reasons.Add(fall);
            reasons.AddRange(DroppedCategories(orders, asOf, options));
        }
        return new MemberEvaluation(facts.FirstOrderAt, last, facts.LifetimeOrders, facts.LifetimeSpendCents, spend12m, yearly,
            isLost, isLost ? lostAt : null, reasons, reasons.Count > 0 ? yearly : 0);
    }

    /// <summary>
    /// The average yearly value, in cents: the net spend of the member's last 12 months of activity, the orders of
    /// <c>(LastOrderAt − 365 days, LastOrderAt]</c>. When the member's tenure <c>T = LastOrderAt − FirstOrderAt</c> is at
    /// least 30 days and under 365, that spend is annualised: <c>spend × 365 / T</c>. Under 30 days it is taken as is.
    /// Measuring up to the last order rather than to now keeps the value a lost or lapsed member used to bring.
    /// </summary>
    public static long YearlyValue(MemberFacts facts)
    {
        if (facts.LastOrderAt is not { } last || facts.FirstOrderAt is not { } first)
            return 0;
        var spend = facts.Orders.Where(o => o.OccurredAt > last.AddDays(-DaysPerYear)).Sum(o => o.SpendCents);
        var tenure = (last - first).TotalDays;
        return tenure is >= 30 and < DaysPerYear ? (long)Math.Round(spend * DaysPerYear / tenure, MidpointRounding.AwayFromZero) : spend;
    }

    /// <summary>
    /// The usual interval between orders, in days: the median of the gaps between consecutive orders among the orders of
    /// <c>(LastOrderAt − 365 days, LastOrderAt]</c> (the mean of the two middle gaps when their number is even); null when
    /// there are fewer than <c>MinOrdersForInterval</c> such orders.
    /// </summary>
    public static double? UsualIntervalDays(MemberFacts facts, InsightsOptions options)
    {
        if (facts.LastOrderAt is not { } last)
            return null;
        var times = facts.Orders.Where(o => o.OccurredAt > last.AddDays(-DaysPerYear)).Select(o => o.OccurredAt).ToArray();
        if (times.Length < Math.Max(2, options.MinOrdersForInterval))
            return null;
        var gaps = new double[times.Length - 1];
        for (var i = 1; i < times.Length; i++)
            gaps[i - 1] = (times[i] - times[i - 1]).TotalDays;
        Array.Sort(gaps);
        var mid = gaps.Length / 2;
        return gaps.Length % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
    }

    private static RiskReason? Lapse(MemberFacts facts, DateTimeOffset asOf, InsightsOptions options)
    {
        if (UsualIntervalDays(facts, options) is not { } usual)
            return null;
        var since = Math.Max(0, (asOf - facts.LastOrderAt!.Value).TotalDays);
        if (since <= options.LapseMultiple * usual || since <= options.MinLapseDays)
            return null;
        var days = (int)Math.Floor(since);
        var rounded = Math.Round(usual, 1);
        return new RiskReason(RiskReasonKind.Lapsed,
            string.Create(CultureInfo.InvariantCulture, $"Usually orders every {rounded:0.#} days; no order for {days} days."),
            null, rounded, days, null, null);
    }

    private static RiskReason? AovFall(IReadOnlyList<OrderFact> orders, DateTimeOffset asOf, InsightsOptions options)
    {
        var recentFrom = asOf.AddMonths(-options.AovWindowMonths);
        var earlierFrom = asOf.AddMonths(-2 * options.AovWindowMonths);
        var recent = orders.Where(o => o.OccurredAt > recentFrom).ToArray();
        var earlier = orders.Where(o => o.OccurredAt > earlierFrom && o.OccurredAt <= recentFrom).ToArray();
        if (recent.Length < options.AovMinOrders || earlier.Length < options.AovMinOrders)
            return null;
        var recentAov = Aov(recent);
        var earlierAov = Aov(earlier);
        // A millionth of a cent of slack, so that a ratio of exactly 1 − AovDropRatio counts despite binary fractions.
        if (recentAov > (1 - options.AovDropRatio) * earlierAov + 1e-6)
            return null;
        var drop = earlierAov == 0 ? 0 : 1 - (double)recentAov / earlierAov;
        return new RiskReason(RiskReasonKind.AovFalling,
            string.Create(CultureInfo.InvariantCulture,
                $"Typical order {recentAov / 100m:0.00} over the last {options.AovWindowMonths} months, down {drop:P0} from {earlierAov / 100m:0.00} the {options.AovWindowMonths} months before."),
            null, null, null, recentAov, earlierAov);
    }

    /// <summary>The median net spend of the orders, in cents (the mean of the middle two, rounded, for an even count).</summary>
    private static long Aov(IReadOnlyCollection<OrderFact> orders)
    {
        var spends = orders.Select(o => o.SpendCents).Order().ToArray();
        var mid = spends.Length / 2;
        return spends.Length % 2 == 1
            ? spends[mid]
            : (long)Math.Round((spends[mid - 1] + spends[mid]) / 2m, MidpointRounding.AwayFromZero);
    }

    private static IEnumerable<RiskReason> DroppedCategories(IReadOnlyList<OrderFact> orders, DateTimeOffset asOf, InsightsOptions options)
    {
        var lastOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < orders.Count; i++)
            foreach (var c in orders[i].Categories)
                lastOf[c] = i;
        foreach (var (category, i) in lastOf.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var at = orders[i].OccurredAt;
            var gap = (asOf - at).TotalDays;
            if (gap < options.CategoryGapDays)
                continue;
            var since = orders.Count - 1 - i;
            if (since < options.CategoryMinOrdersSince)
                continue;
            var from = at.AddMonths(-12);
            var months = orders.Take(i + 1)
                .Where(o => o.OccurredAt > from && o.Categories.Contains(category, StringComparer.Ordinal))
                .Select(o => MemberFacts.MonthIndex(o.OccurredAt)).Distinct().Count();
            if (months < options.CategoryMinMonths)
                continue;
            var days = (int)Math.Floor(gap);
            yield return new RiskReason(RiskReasonKind.CategoryDropped,
                string.Create(CultureInfo.InvariantCulture,
                    $"Bought {category} in {months} months of the year before, none for {days} days over {since} orders since."),
                category, null, days, null, null);
        }
    }

    /// <summary>
    /// The segments a member is in, leaving out <c>top</c> (which needs every member): <c>at-risk</c> with any reason,
    /// <c>lapsed</c> when lapsed.
    /// </summary>
    public static IReadOnlySet<string> SegmentsOf(MemberEvaluation e)
    {
        var segments = new SortedSet<string>(StringComparer.Ordinal);
        if (e.Reasons.Count > 0)
            segments.Add(MemberSegments.AtRisk);
        if (e.Reasons.Any(r => r.Kind == RiskReasonKind.Lapsed))
            segments.Add(MemberSegments.Lapsed);
        return segments;
    }

    /// <summary>
    /// A member's contribution to the monthly retention counts, by month index: for each month with an order, active 1,
    /// retained 1 when the month before had an order too, new 1 for the month of the first order ever.
    /// </summary>
    public static IReadOnlyDictionary<int, RetentionCounts> ContributionOf(MemberFacts facts)
    {
        var result = new SortedDictionary<int, RetentionCounts>();
        var first = facts.ActiveMonths.Count > 0 ? facts.ActiveMonths.Min() : 0;
        foreach (var m in facts.ActiveMonths)
            result[m] = new RetentionCounts(1, facts.ActiveMonths.Contains(m - 1) ? 1 : 0, m == first ? 1 : 0);
        return result;
    }

    /// <summary>
    /// What replacing a member's facts <paramref name="before"/> (null: none yet) with <paramref name="after"/> changes
    /// in the monthly counts: <c>ContributionOf(after) − ContributionOf(before)</c>, months with no change left out.
    /// </summary>
    public static IReadOnlyDictionary<int, RetentionCounts> Delta(MemberFacts? before, MemberFacts after)
    {
        var a = ContributionOf(after);
        var b = before is null ? new SortedDictionary<int, RetentionCounts>() : ContributionOf(before);
        var result = new SortedDictionary<int, RetentionCounts>();
        foreach (var m in a.Keys.Union(b.Keys))
        {
            var d = a.GetValueOrDefault(m) - b.GetValueOrDefault(m);
            if (!d.IsZero)
                result[m] = d;
        }
        return result;
    }

    /// <summary>The most years a lifetime value estimate counts on.</summary>
    public const double MaxLifetimeYears = 10;

    /// <summary>The formula of <see cref="EstimateLifetimeValue"/>, in words, as the API reports it.</summary>
    public const string LifetimeValueFormula =
        "average yearly value × expected lifetime in years; expected lifetime = 1 / yearly churn (at most 10 years), " +
        "yearly churn = 1 − r^12, r = monthly retention = Σ retained(m) / Σ active(m − 1) over the months given";

    /// <summary>
    /// Estimates the value of a member over their lifetime: <c>LTV = Y × L</c> with <c>Y</c> the average yearly value
    /// (for instance the mean <see cref="MemberEvaluation.YearlyValueCents"/> of the members it is for) and
    /// <c>L = min(1 / churn, MaxLifetimeYears)</c> the expected lifetime in years. The yearly churn is
    /// <c>1 − r¹²</c> where <c>r = Σ retained(m) / Σ active(m − 1)</c> is the monthly retention over
    /// <paramref name="consecutiveMonths"/> (consecutive months, oldest first; the first month only gives its active
    /// count). Without any active member to retain, <c>r</c> is unknown and <c>L</c> is taken as one year.
    /// </summary>
    public static LifetimeValueEstimate EstimateLifetimeValue(long averageYearlyValueCents, IReadOnlyList<RetentionCounts> consecutiveMonths)
    {
        ArgumentNullException.ThrowIfNull(consecutiveMonths);
        long retained = 0, previousActive = 0;
        for (var i = 1; i < consecutiveMonths.Count; i++)
        {
            retained += consecutiveMonths[i].Retained;
            previousActive += consecutiveMonths[i - 1].Active;
        }
        double? r = previousActive > 0 ? Math.Clamp((double)retained / previousActive, 0, 1) : null;
        var churn = r is { } rate ? 1 - Math.Pow(rate, 12) : 1;
        var years = churn <= 1 / MaxLifetimeYears ? MaxLifetimeYears : 1 / churn;
        var estimate = (long)Math.Round(averageYearlyValueCents * years, MidpointRounding.AwayFromZero);
        return new LifetimeValueEstimate(LifetimeValueFormula, estimate, averageYearlyValueCents, r, churn, years);
    }
}
