using Loyalty.Domain.Insights;

namespace Loyalty.Domain.Tests.Insights;

public class RetentionPeriodTests
{
    private static int M(int year, int month) => year * 12 + month - 1;

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2027-03-01T00:10:00Z", 2027, 3, "2027-03-01")] // the 1st, just after midnight: the month has barely begun
    [InlineData("2028-02-29T23:50:00Z", 2028, 2, "2028-02-29")] // a leap day
    [InlineData("2026-12-31T23:55:00Z", 2026, 12, "2026-12-31")] // the last minutes of a year
    [InlineData("2027-01-01T00:00:00Z", 2027, 1, "2027-01-01")] // the very first instant of a month
    [InlineData("2027-01-01T00:30:00+01:00", 2026, 12, "2026-12-31")] // in UTC still the last day of the year
    public void The_month_holding_now_is_last_and_partial_through_today(string asOf, int year, int month, string through)
    {
        var periods = RetentionPeriod.UpTo(DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), 12, new Dictionary<int, RetentionCounts>());

        Assert.Equal(12, periods.Count);
        var last = periods[^1];
        Assert.Equal(Utc(year, month, 1), last.Start);
        Assert.Equal(Utc(year, month, 1).AddMonths(1), last.End);
        Assert.True(last.Partial);
        Assert.Equal(DateOnly.Parse(through, System.Globalization.CultureInfo.InvariantCulture), last.Through);
        Assert.All(periods.SkipLast(1), p => Assert.Equal((false, (DateOnly?)null), (p.Partial, p.Through)));
        Assert.Equal(Utc(year, month, 1).AddMonths(-11), periods[0].Start);
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public void Each_month_shows_its_counts_the_lost_from_the_month_before_and_the_rate()
    {
        var counts = new Dictionary<int, RetentionCounts>
        {
            [M(2026, 10)] = new(4, 0, 4),
            [M(2026, 11)] = new(3, 2, 1),
            [M(2026, 12)] = new(1, 1, 0),
        };
        var periods = RetentionPeriod.UpTo(Utc(2026, 12, 2, 8), 2, counts);

        Assert.Equal(
            [
                new RetentionPeriod(Utc(2026, 11, 1), Utc(2026, 12, 1), new(3, 2, 1), 2, 0.5, false, null),
                new RetentionPeriod(Utc(2026, 12, 1), Utc(2027, 1, 1), new(1, 1, 0), 2, 0.3333, true, new DateOnly(2026, 12, 2)),
            ], periods);
    }

    [Fact]
    public void A_month_after_an_empty_one_has_no_rate_and_an_empty_month_after_an_active_one_lost_them_all()
    {
        var counts = new Dictionary<int, RetentionCounts> { [M(2026, 9)] = new(2, 0, 2) };
        var periods = RetentionPeriod.UpTo(Utc(2026, 11, 15), 3, counts);

        Assert.Equal((2, 0, (double?)null), (periods[0].Counts.Active, periods[0].Lost, periods[0].RetentionRate));
        Assert.Equal((0, 2, (double?)0.0), (periods[1].Counts.Active, periods[1].Lost, periods[1].RetentionRate));
        Assert.Equal((0, 0, (double?)null), (periods[2].Counts.Active, periods[2].Lost, periods[2].RetentionRate));
    }
}
