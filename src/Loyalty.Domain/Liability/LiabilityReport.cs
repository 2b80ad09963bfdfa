using System.Globalization;

namespace Loyalty.Domain;

/// <summary>Points and their value on one line of the liability report.</summary>
public sealed record LiabilityAmount(long Points, decimal Value);

/// <summary>The points that expire in one month (<c>yyyy-MM</c>): outstanding (spendable) and pending.</summary>
public sealed record LiabilityMonth(string Month, LiabilityAmount Outstanding, LiabilityAmount Pending);

/// <summary>
/// The programme's points liability on <paramref name="Today"/>: the points members hold by the month they expire,
/// from this month on, valued at <paramref name="PointValue"/> each, their totals, and what members owe
/// (<paramref name="Debt"/>, points taken back by refunds after they were spent), reported apart.
/// </summary>
public sealed record LiabilityReport(DateOnly Today, decimal PointValue, IReadOnlyList<LiabilityMonth> Months,
    LiabilityAmount Outstanding, LiabilityAmount Pending, LiabilityAmount Debt)
{
    /// <summary>
    /// The report from the counters' <paramref name="lines"/>. Only days from <paramref name="today"/> on count: points
    /// of earlier days have expired, even when their member, untouched since, still holds them.
    /// </summary>
    public static LiabilityReport Build(IEnumerable<LiabilityLine> lines, DateOnly today, decimal pointValue)
    {
        var months = new SortedDictionary<string, (long Outstanding, long Pending)>(StringComparer.Ordinal);
        long debt = 0;
        foreach (var line in lines)
        {
            if (line.Key.Kind == LiabilityKind.Debt)
            {
                debt = checked(debt + line.Points);
                continue;
            }
            if (line.Key.ExpiresOn < today)
                continue;
            var month = line.Key.ExpiresOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var (outstanding, pending) = months.GetValueOrDefault(month);
            months[month] = line.Key.Kind == LiabilityKind.Pending
                ? (outstanding, checked(pending + line.Points))
                : (checked(outstanding + line.Points), pending);
        }
        LiabilityAmount Amount(long points) => new(points, points * pointValue);
        var rows = months.Where(m => m.Value != (0, 0))
            .Select(m => new LiabilityMonth(m.Key, Amount(m.Value.Outstanding), Amount(m.Value.Pending))).ToArray();
        return new LiabilityReport(today, pointValue, rows,
            Amount(rows.Sum(r => r.Outstanding.Points)), Amount(rows.Sum(r => r.Pending.Points)), Amount(debt));
    }
}
