using Loyalty.Domain.Insights;
using static Loyalty.Domain.Tests.Insights.InsightsKit;

namespace Loyalty.Domain.Tests.Insights;

public class LapseAndLostTests
{
    [Fact]
    public void The_usual_interval_is_the_median_gap_between_consecutive_orders()
    {
        // Gaps 2, 7, 30: the median is 7, not the mean.
        var odd = Facts(Order(AsOf.AddDays(-39)), Order(AsOf.AddDays(-37)), Order(AsOf.AddDays(-30)), Order(AsOf));
        Assert.Equal(7, InsightsRules.UsualIntervalDays(odd, Defaults)!.Value, 9);
        // Gaps 2, 6, 8, 30: the mean of the middle two.
        var even = Facts(Order(AsOf.AddDays(-46)), Order(AsOf.AddDays(-44)), Order(AsOf.AddDays(-38)), Order(AsOf.AddDays(-30)), Order(AsOf));
        Assert.Equal(7, InsightsRules.UsualIntervalDays(even, Defaults)!.Value, 9);
    }

    [Fact]
    public void The_usual_interval_needs_MinOrdersForInterval_orders_in_the_year_before_the_last_order()
    {
        Assert.Null(InsightsRules.UsualIntervalDays(Facts(Every(7, 3, 0)), Defaults));
        Assert.Equal(7, InsightsRules.UsualIntervalDays(Facts(Every(7, 4, 0)), Defaults)!.Value, 9);
        // An order 365 days or more before the last one does not count.
        var old = Facts([Order(AsOf.AddDays(-365 - 21)), .. Every(7, 3, 0)]);
        Assert.Null(InsightsRules.UsualIntervalDays(old, Defaults));
        Assert.Null(InsightsRules.UsualIntervalDays(MemberFacts.Empty, Defaults));
    }

    [Theory]
    [InlineData(20.99, false)]
    [InlineData(21.0, false)] // exactly 3 × 7: not beyond it
    [InlineData(21.01, true)]
    public void Lapsed_when_the_days_since_the_last_order_exceed_LapseMultiple_times_the_usual_interval(double daysSince, bool lapsed)
    {
        var e = Evaluate(Facts(Every(7, 8, daysSince)));
        Assert.Equal(lapsed, Reason(e, RiskReasonKind.Lapsed) is not null);
        Assert.False(e.IsLost);
    }

    [Theory]
    [InlineData(13.99, false)]
    [InlineData(14.0, false)] // exactly MinLapseDays: not beyond it
    [InlineData(14.01, true)]
    public void A_frequent_member_is_lapsed_only_beyond_MinLapseDays(double daysSince, bool lapsed)
    {
        // Every 2 days: 3 × 2 = 6 days is passed long before 14.
        var e = Evaluate(Facts(Every(2, 10, daysSince)));
        Assert.Equal(lapsed, Reason(e, RiskReasonKind.Lapsed) is not null);
    }

    [Fact]
    public void A_lapsed_reason_carries_the_interval_and_the_days_and_puts_the_yearly_value_at_stake()
    {
        var e = Evaluate(Facts(Every(7, 8, 30.5, 1250)));
        var r = Reason(e, RiskReasonKind.Lapsed)!;
        Assert.Equal((7.0, 30), (r.UsualIntervalDays, r.DaysSinceLastOrder));
        Assert.Equal("Usually orders every 7 days; no order for 30 days.", r.Text);
        Assert.Null(r.Category);
        Assert.True(e.IsAtRisk);
        Assert.Equal(e.YearlyValueCents, e.ValueAtStakeCents);
        Assert.True(e.ValueAtStakeCents > 0);
        Assert.Equal(new SortedSet<string> { MemberSegments.AtRisk, MemberSegments.Lapsed }, InsightsRules.SegmentsOf(e));
    }

    [Fact]
    public void Too_few_orders_for_an_interval_never_lapse()
    {
        var e = Evaluate(Facts(Every(7, 3, 60)));
        Assert.Empty(e.Reasons);
        Assert.Equal(0, e.ValueAtStakeCents);
        Assert.Empty(InsightsRules.SegmentsOf(e));
    }

    [Theory]
    [InlineData(89.99, false)]
    [InlineData(90.0, true)]
    [InlineData(200, true)]
    public void Lost_after_LostAfterDays_without_an_order_and_then_no_longer_at_risk(double daysSince, bool lost)
    {
        var orders = Every(7, 20, daysSince);
        var e = Evaluate(Facts(orders));
        Assert.Equal(lost, e.IsLost);
        if (lost)
        {
            Assert.Equal(orders[^1].OccurredAt.AddDays(90), e.LostAt);
            Assert.Empty(e.Reasons);
            Assert.Equal(0, e.ValueAtStakeCents);
        }
        else
        {
            Assert.Null(e.LostAt);
            Assert.NotNull(Reason(e, RiskReasonKind.Lapsed));
        }
    }

    [Fact]
    public void A_member_without_orders_is_neither_lost_nor_at_risk()
    {
        var e = Evaluate(MemberFacts.Empty);
        Assert.Equal((null, null, 0, 0L, 0L, 0L, false, null, 0L),
            (e.FirstOrderAt, e.LastOrderAt, e.LifetimeOrders, e.LifetimeSpendCents, e.Spend12mCents, e.YearlyValueCents, e.IsLost, e.LostAt, e.ValueAtStakeCents));
        Assert.Empty(e.Reasons);
    }

    [Fact]
    public void The_thresholds_come_from_the_options()
    {
        var facts = Facts(Every(7, 8, 16));
        Assert.Null(Reason(Evaluate(facts), RiskReasonKind.Lapsed));
        Assert.NotNull(Reason(Evaluate(facts, new InsightsOptions { LapseMultiple = 2 }), RiskReasonKind.Lapsed));
        Assert.True(Evaluate(facts, new InsightsOptions { LostAfterDays = 16, MinLapseDays = 7 }).IsLost);
        Assert.Null(Reason(Evaluate(Facts(Every(7, 8, 30)), new InsightsOptions { MinOrdersForInterval = 9 }), RiskReasonKind.Lapsed));
    }
}
