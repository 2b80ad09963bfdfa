namespace Loyalty.Domain.Insights;

/// <summary>Why a member is at risk. The API writes these as <c>lapsed</c>, <c>aov-falling</c> and <c>category-dropped</c>.</summary>
public enum RiskReasonKind
{
    Lapsed,
    AovFalling,
    CategoryDropped,
}

/// <summary>The names of <see cref="RiskReasonKind"/> in the API and configuration.</summary>
public static class RiskReasonNames
{
    public const string Lapsed = "lapsed";
    public const string AovFalling = "aov-falling";
    public const string CategoryDropped = "category-dropped";

    public static string NameOf(RiskReasonKind kind) => kind switch
    {
        RiskReasonKind.Lapsed => Lapsed,
        RiskReasonKind.AovFalling => AovFalling,
        RiskReasonKind.CategoryDropped => CategoryDropped,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out RiskReasonKind kind)
    {
        switch (name)
        {
            case Lapsed: kind = RiskReasonKind.Lapsed; return true;
            case AovFalling: kind = RiskReasonKind.AovFalling; return true;
            case CategoryDropped: kind = RiskReasonKind.CategoryDropped; return true;
            default: kind = default; return false;
        }
    }
}

/// <summary>
/// One reason a member is at risk, with a sentence for people and the figures behind it: the usual interval and the
/// days since the last order (lapsed), the two average order values in cents (falling), the category and the days since
/// it was last bought, in <see cref="DaysSinceLastOrder"/> (dropped).
/// </summary>
public sealed record RiskReason(RiskReasonKind Kind, string Text, string? Category, double? UsualIntervalDays,
    int? DaysSinceLastOrder, long? RecentAovCents, long? EarlierAovCents);

/// <summary>
/// What the insights say about one member at a moment: the lifetime figures, the 12-month spend, the average yearly
/// value, whether the member is lost, the reasons they are at risk and the value at stake.
/// </summary>
/// <param name="Spend12mCents">Net spend of the orders in <c>(asOf − 365 days, asOf]</c>.</param>
/// <param name="YearlyValueCents">The average yearly spend, see <see cref="InsightsRules.YearlyValue"/>.</param>
/// <param name="LostAt"><c>LastOrderAt + LostAfterDays</c>, when that moment is not after asOf.</param>
/// <param name="Reasons">Empty when the member is not at risk; a lost member is never at risk.</param>
/// <param name="ValueAtStakeCents"><see cref="YearlyValueCents"/> when at risk, otherwise 0.</param>
public sealed record MemberEvaluation(
    DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, int LifetimeOrders, long LifetimeSpendCents,
    long Spend12mCents, long YearlyValueCents, bool IsLost, DateTimeOffset? LostAt,
    IReadOnlyList<RiskReason> Reasons, long ValueAtStakeCents)
{
    public bool IsAtRisk => Reasons.Count > 0;
}

/// <summary>
/// A member's contribution to one month of the retention figures: active (ordered that month), retained (active this
/// month and the month before), new (first order ever that month). Summed over members they give the month's counts;
/// the members lost in month <c>m</c> are <c>active(m − 1) − retained(m)</c>.
/// </summary>
public readonly record struct RetentionCounts(int Active, int Retained, int New)
{
    public static RetentionCounts operator +(RetentionCounts a, RetentionCounts b) =>
        new(a.Active + b.Active, a.Retained + b.Retained, a.New + b.New);

    public static RetentionCounts operator -(RetentionCounts a, RetentionCounts b) =>
        new(a.Active - b.Active, a.Retained - b.Retained, a.New - b.New);

    public bool IsZero => Active == 0 && Retained == 0 && New == 0;
}

/// <summary>
/// The lifetime value estimate and the figures it comes from; <see cref="Formula"/> says how, in words.
/// </summary>
public sealed record LifetimeValueEstimate(string Formula, long EstimateCents, long AverageYearlyValueCents,
    double? MonthlyRetention, double YearlyChurn, double ExpectedLifetimeYears);
