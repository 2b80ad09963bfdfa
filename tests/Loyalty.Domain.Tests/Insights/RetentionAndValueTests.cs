using Loyalty.Domain.Insights;
using static Loyalty.Domain.Tests.Insights.InsightsKit;

namespace Loyalty.Domain.Tests.Insights;

public class RetentionAndValueTests
{
    private static DateTimeOffset Month(int year, int month, int day = 10) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static int M(int year, int month) => year * 12 + month - 1;

    [Fact]
    public void A_member_is_active_in_each_month_with_an_order_retained_after_an_active_month_and_new_in_the_first()
    {
        var f = Facts(Order(Month(2025, 11)), Order(Month(2025, 12, 1)), Order(Month(2025, 12, 31)), Order(Month(2026, 1)), Order(Month(2026, 3)));
        Assert.Equal(new Dictionary<int, RetentionCounts>
        {
            [M(2025, 11)] = new(1, 0, 1),
            [M(2025, 12)] = new(1, 1, 0),
            [M(2026, 1)] = new(1, 1, 0),
            [M(2026, 3)] = new(1, 0, 0),
        }, InsightsRules.ContributionOf(f));
        Assert.Empty(InsightsRules.ContributionOf(MemberFacts.Empty));
    }

    [Fact]
    public void The_month_index_is_year_times_12_plus_the_month_minus_1_in_UTC()
    {
        Assert.Equal(24311, MemberFacts.MonthIndex(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        // 1 January 00:30 at UTC+1 is still December in UTC.
        Assert.Equal(24311, MemberFacts.MonthIndex(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal(24312, MemberFacts.MonthIndex(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), MemberFacts.MonthStart(24312));
    }

    [Fact]
    public void Summed_contributions_give_the_counts_and_the_lost_of_a_month_is_the_previous_active_minus_the_retained()
    {
        var a = Facts(Order(Month(2026, 1)), Order(Month(2026, 2)), Order(Month(2026, 3)));
        var b = Facts(Order(Month(2026, 1)), Order(Month(2026, 3)));
        var c = Facts(Order(Month(2026, 2)));
        var sum = new Dictionary<int, RetentionCounts>();
        foreach (var f in new[] { a, b, c })
            foreach (var (m, counts) in InsightsRules.ContributionOf(f))
                sum[m] = sum.GetValueOrDefault(m) + counts;
        Assert.Equal(new RetentionCounts(2, 0, 2), sum[M(2026, 1)]);
        Assert.Equal(new RetentionCounts(2, 1, 1), sum[M(2026, 2)]); // a retained; c new; b lost
        Assert.Equal(new RetentionCounts(2, 1, 0), sum[M(2026, 3)]); // a retained; b back; c lost
        Assert.Equal(1, sum[M(2026, 1)].Active - sum[M(2026, 2)].Retained);
        Assert.Equal(1, sum[M(2026, 2)].Active - sum[M(2026, 3)].Retained);
    }

    [Fact]
    public void Applying_the_deltas_of_successive_facts_gives_the_contribution_of_the_last()
    {
        var steps = new[]
        {
            Facts(Order(Month(2026, 2))),
            Facts(Order(Month(2026, 2)), Order(Month(2026, 3))),
            Facts(Order(Month(2026, 1)), Order(Month(2026, 2)), Order(Month(2026, 3))), // an earlier sale recorded late
            Facts(Order(Month(2026, 1)), Order(Month(2026, 3))),                        // February refunded whole
            MemberFacts.Empty,
        };
        var counts = new Dictionary<int, RetentionCounts>();
        MemberFacts? before = null;
        foreach (var after in steps)
        {
            foreach (var (m, d) in InsightsRules.Delta(before, after))
            {
                Assert.False(d.IsZero);
                counts[m] = counts.GetValueOrDefault(m) + d;
            }
            Assert.Equal(InsightsRules.ContributionOf(after), counts.Where(x => !x.Value.IsZero).ToDictionary());
            before = after;
        }
        // January comes before February: January is new and active, February retained and no longer new.
        Assert.Equal(new Dictionary<int, RetentionCounts> { [M(2026, 1)] = new(1, 0, 1), [M(2026, 2)] = new(0, 1, -1) },
            InsightsRules.Delta(steps[1], steps[2]));
        Assert.Empty(InsightsRules.Delta(steps[2], steps[2]));
    }

    [Fact]
    public void The_12_month_spend_counts_the_orders_of_the_365_days_up_to_asOf()
    {
        var f = Facts(Order(AsOf.AddDays(-365), 100_000), Order(AsOf.AddDays(-365).AddTicks(1), 1000), Order(AsOf, 200));
        Assert.Equal(1200, Evaluate(f).Spend12mCents);
    }

    [Theory]
    [InlineData(400, 2000)]   // a year or more: the spend of the 365 days up to the last order (the first is older)
    [InlineData(365, 2000)]
    [InlineData(73, 3000 * 5)] // 73 days of tenure: × 365 / 73
    [InlineData(30, 36500)]   // 30 days: annualised
    [InlineData(29, 3000)]    // under 30 days: as is
    public void The_yearly_value_is_the_spend_of_the_last_year_of_activity_annualised_for_a_shorter_tenure(int tenureDays, long expected)
    {
        var last = AsOf.AddDays(-100); // measured up to the last order, not to asOf
        var f = Facts(Order(last.AddDays(-tenureDays), tenureDays >= 365 ? 99_999 : 1000), Order(last.AddDays(-1), 1000), Order(last, 1000));
        Assert.Equal(expected, InsightsRules.YearlyValue(f));
        Assert.Equal(expected, Evaluate(f).YearlyValueCents);
    }

    [Fact]
    public void The_lifetime_value_is_the_yearly_value_times_the_expected_lifetime()
    {
        // r = (9 + 9) / (10 + 10) = 0.9; churn = 1 − 0.9^12; lifetime = 1 / churn.
        var months = new RetentionCounts[] { new(10, 0, 10), new(10, 9, 1), new(12, 9, 3) };
        var e = InsightsRules.EstimateLifetimeValue(10_000, months);
        var churn = 1 - Math.Pow(0.9, 12);
        Assert.Equal(0.9, e.MonthlyRetention!.Value, 12);
        Assert.Equal(churn, e.YearlyChurn, 12);
        Assert.Equal(1 / churn, e.ExpectedLifetimeYears, 12);
        Assert.Equal((long)Math.Round(10_000 / churn), e.EstimateCents);
        Assert.Equal(InsightsRules.LifetimeValueFormula, e.Formula);
    }

    [Fact]
    public void The_expected_lifetime_is_capped_and_unknown_retention_counts_one_year()
    {
        var loyal = InsightsRules.EstimateLifetimeValue(5_000, [new(10, 0, 10), new(10, 10, 0)]);
        Assert.Equal((10.0, 50_000L, 0.0), (loyal.ExpectedLifetimeYears, loyal.EstimateCents, loyal.YearlyChurn));
        var none = InsightsRules.EstimateLifetimeValue(5_000, [new(3, 0, 3)]);
        Assert.Equal((null, 1.0, 5_000L), (none.MonthlyRetention, none.ExpectedLifetimeYears, none.EstimateCents));
        Assert.Equal(0, InsightsRules.EstimateLifetimeValue(5_000, [new(4, 0, 4), new(0, 0, 0)]).MonthlyRetention);
    }
}
