namespace Loyalty.Domain.Insights;

/// <summary>
/// One month of the retention figures: [start, end), the members active, retained from the month before, new, and lost
/// (active the month before, not this one). The month that holds <c>asOf</c> is not over: it is <see cref="Partial"/>,
/// its figures run through <see cref="Through"/>, and a low count there is the month so far, not a collapse.
/// </summary>
public sealed record RetentionPeriod(DateTimeOffset Start, DateTimeOffset End, RetentionCounts Counts, int Lost, double? RetentionRate,
    bool Partial, DateOnly? Through)
{
    /// <summary>
    /// The <paramref name="months"/> months up to the one holding <paramref name="asOf"/> (UTC), oldest first, from the
    /// counts per month index (<see cref="MemberFacts.MonthIndex"/>); the month before the first is read for its lost.
    /// </summary>
    public static IReadOnlyList<RetentionPeriod> UpTo(DateTimeOffset asOf, int months, IReadOnlyDictionary<int, RetentionCounts> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var current = MemberFacts.MonthIndex(asOf);
        return Enumerable.Range(current - months + 1, months).Select(m =>
        {
            var c = counts.GetValueOrDefault(m);
            var before = counts.GetValueOrDefault(m - 1).Active;
            var partial = m == current;
            return new RetentionPeriod(MemberFacts.MonthStart(m), MemberFacts.MonthStart(m + 1), c, before - c.Retained,
                before > 0 ? Math.Round((double)c.Retained / before, 4) : null, partial,
                partial ? DateOnly.FromDateTime(asOf.UtcDateTime) : null);
        }).ToArray();
    }
}
