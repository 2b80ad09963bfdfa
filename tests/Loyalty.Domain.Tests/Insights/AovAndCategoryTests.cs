using Loyalty.Domain.Insights;
using static Loyalty.Domain.Tests.Insights.InsightsKit;

namespace Loyalty.Domain.Tests.Insights;

public class AovAndCategoryTests
{
    // asOf is 15 June 12:00: the recent window is (15 March 12:00, asOf], the earlier one (15 December 12:00, 15 March 12:00].
    private static readonly DateTimeOffset RecentFrom = AsOf.AddMonths(-3);
    private static readonly DateTimeOffset EarlierFrom = AsOf.AddMonths(-6);

    /// <summary>The AOV edges with two orders a window.</summary>
    private static readonly InsightsOptions Two = new() { AovMinOrders = 2 };

    private static MemberFacts Windows(long[] earlier, long[] recent) => Facts(
        [.. earlier.Select((c, i) => Order(EarlierFrom.AddDays(10 + 20 * i), c)), .. recent.Select((c, i) => Order(RecentFrom.AddDays(40 + 20 * i), c))]);

    [Theory]
    [InlineData(700, true)]  // exactly (1 − 0.30) × 1000
    [InlineData(699, true)]
    [InlineData(701, false)]
    public void The_average_order_value_falls_when_the_recent_one_is_at_most_1_minus_the_ratio_of_the_earlier_one(long recent, bool falling)
    {
        var e = Evaluate(Windows([900, 1100], [recent, recent]), Two);
        Assert.Equal(falling, Reason(e, RiskReasonKind.AovFalling) is not null);
        if (falling)
        {
            var r = Reason(e, RiskReasonKind.AovFalling)!;
            Assert.Equal((recent, 1000L), (r.RecentAovCents, r.EarlierAovCents));
            Assert.StartsWith($"Typical order {recent / 100m:0.00} over the last 3 months", r.Text);
            Assert.Equal(e.YearlyValueCents, e.ValueAtStakeCents);
            Assert.Equal(new SortedSet<string> { MemberSegments.AtRisk }, InsightsRules.SegmentsOf(e));
        }
    }

    [Fact]
    public void Each_window_needs_AovMinOrders_orders()
    {
        Assert.Equal(3, Defaults.AovMinOrders);
        Assert.Null(Reason(Evaluate(Windows([1000, 1000], [400, 400, 400])), RiskReasonKind.AovFalling));
        Assert.Null(Reason(Evaluate(Windows([1000, 1000, 1000], [400, 400])), RiskReasonKind.AovFalling));
        Assert.NotNull(Reason(Evaluate(Windows([1000, 1000, 1000], [400, 400, 400])), RiskReasonKind.AovFalling));
        Assert.NotNull(Reason(Evaluate(Windows([1000], [400]), new InsightsOptions { AovMinOrders = 1 }), RiskReasonKind.AovFalling));
    }

    [Fact]
    public void An_order_at_the_start_of_the_recent_window_belongs_to_the_earlier_one()
    {
        // Earlier 1000, 1200 and the boundary order of 1200 (median 1200); recent 800, 800: falling (800 ≤ 840).
        OrderFact[] Orders(DateTimeOffset boundary) =>
            [Order(EarlierFrom.AddDays(5), 1000), Order(EarlierFrom.AddDays(30), 1200), Order(boundary, 1200),
             Order(RecentFrom.AddDays(40), 800), Order(RecentFrom.AddDays(60), 800)];
        Assert.Equal(1200, Reason(Evaluate(Facts(Orders(RecentFrom)), Two), RiskReasonKind.AovFalling)!.EarlierAovCents);
        // A tick later it is recent: earlier 1100, recent median 800: not falling (800 > 770).
        Assert.Null(Reason(Evaluate(Facts(Orders(RecentFrom.AddTicks(1))), Two), RiskReasonKind.AovFalling));
        // An order at the start of the earlier window does not count: earlier 1000, 1200 (not 100, 1000, 1200).
        var old = Facts(Order(EarlierFrom, 100), Order(EarlierFrom.AddDays(30), 1000), Order(EarlierFrom.AddDays(60), 1200),
            Order(RecentFrom.AddDays(40), 760), Order(RecentFrom.AddDays(60), 760));
        Assert.Equal(1100, Reason(Evaluate(old, Two), RiskReasonKind.AovFalling)!.EarlierAovCents);
    }

    [Fact]
    public void The_order_value_of_a_window_is_its_median_order_so_one_large_purchase_does_not_make_a_fall()
    {
        // Earlier 500, 500 and a 30.00 mug: mean 13.33 but median 5.00; recent 4.50, 4.50: not falling.
        var facts = Facts(Order(EarlierFrom.AddDays(10), 500), Order(EarlierFrom.AddDays(30), 3000), Order(EarlierFrom.AddDays(50), 500),
            Order(RecentFrom.AddDays(40), 450), Order(RecentFrom.AddDays(60), 450));
        Assert.Null(Reason(Evaluate(facts, Two), RiskReasonKind.AovFalling));
        // Four earlier orders: the mean of the middle two, 6.00 and 8.00; recent 4.90 ≤ 0.7 × 7.00.
        var even = Facts(Order(EarlierFrom.AddDays(10), 500), Order(EarlierFrom.AddDays(20), 600), Order(EarlierFrom.AddDays(30), 800),
            Order(EarlierFrom.AddDays(50), 5000), Order(RecentFrom.AddDays(40), 490), Order(RecentFrom.AddDays(60), 490));
        Assert.Equal((490L, 700L), (Reason(Evaluate(even, Two), RiskReasonKind.AovFalling)!.RecentAovCents, Reason(Evaluate(even, Two), RiskReasonKind.AovFalling)!.EarlierAovCents));
    }

    [Fact]
    public void The_window_length_comes_from_the_options()
    {
        var o = new InsightsOptions { AovWindowMonths = 1, AovMinOrders = 2 };
        var facts = Facts(Order(AsOf.AddDays(-50), 1000), Order(AsOf.AddDays(-40), 1000), Order(AsOf.AddDays(-20), 500), Order(AsOf.AddDays(-10), 500));
        Assert.NotNull(Reason(Evaluate(facts, o), RiskReasonKind.AovFalling));
        Assert.Null(Reason(Evaluate(facts, Two), RiskReasonKind.AovFalling)); // three months: all four in the recent window
    }

    // Pastry in three distinct months up to P, then two coffee-only orders: dropped once 60 days have passed since P.
    private static MemberFacts Pastry(double gapDays, int ordersSince = 2, int pastryMonths = 3, double firstPastryDaysBefore = 60)
    {
        var p = AsOf.AddDays(-gapDays);
        var orders = new List<OrderFact> { Order(p, 900, "coffee", "pastry") };
        if (pastryMonths >= 2)
            orders.Add(Order(p.AddDays(-30), 900, "coffee", "pastry"));
        if (pastryMonths >= 3)
            orders.Add(Order(p.AddDays(-firstPastryDaysBefore), 900, "coffee", "pastry"));
        for (var i = 0; i < ordersSince; i++)
            orders.Add(Order(p.AddDays(1 + i), 900, "coffee"));
        return Facts([.. orders]);
    }

    [Theory]
    [InlineData(59.99, false)]
    [InlineData(60.0, true)]
    [InlineData(85, true)]
    public void A_regular_category_is_dropped_after_CategoryGapDays_without_it(double gap, bool dropped)
    {
        var e = Evaluate(Pastry(gap));
        var r = Reason(e, RiskReasonKind.CategoryDropped);
        Assert.Equal(dropped, r is not null);
        if (r is not null)
        {
            Assert.Equal(("pastry", (int)Math.Floor(gap)), (r.Category, r.DaysSinceLastOrder));
            Assert.Equal($"Bought pastry in 3 months of the year before, none for {(int)Math.Floor(gap)} days over 2 orders since.", r.Text);
        }
        Assert.DoesNotContain(e.Reasons, x => x.Category == "coffee");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void A_dropped_category_needs_CategoryMinOrdersSince_other_orders(int since, bool dropped) =>
        Assert.Equal(dropped, Reason(Evaluate(Pastry(70, ordersSince: since)), RiskReasonKind.CategoryDropped) is not null);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_category_is_regular_when_bought_in_CategoryMinMonths_distinct_months(int months, bool dropped) =>
        Assert.Equal(dropped, Reason(Evaluate(Pastry(70, pastryMonths: months)), RiskReasonKind.CategoryDropped) is not null);

    [Fact]
    public void Only_the_12_months_before_the_last_purchase_of_the_category_count()
    {
        // P − 12 months exactly is outside (c − 12 months, c]; a day later it is inside.
        var gap = 70.0;
        var p = AsOf.AddDays(-gap);
        var outside = Pastry(gap, firstPastryDaysBefore: (p - p.AddMonths(-12)).TotalDays);
        var inside = Pastry(gap, firstPastryDaysBefore: (p - p.AddMonths(-12)).TotalDays - 1);
        Assert.Null(Reason(Evaluate(outside), RiskReasonKind.CategoryDropped));
        Assert.NotNull(Reason(Evaluate(inside), RiskReasonKind.CategoryDropped));
    }

    [Fact]
    public void Two_purchases_in_the_same_month_count_as_one_month()
    {
        var p = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
        var facts = Facts(Order(p.AddDays(-25), 900, "pastry"), Order(p.AddDays(-20), 900, "pastry"), Order(p, 900, "pastry"),
            Order(p.AddDays(10), 500, "coffee"), Order(p.AddDays(20), 500, "coffee"));
        // 3 March, 8 March and 28 March: one month only.
        Assert.Null(Reason(Evaluate(facts), RiskReasonKind.CategoryDropped));
        Assert.NotNull(Reason(Evaluate(facts, new InsightsOptions { CategoryMinMonths = 1 }), RiskReasonKind.CategoryDropped));
    }

    [Fact]
    public void Each_dropped_category_is_a_reason_and_a_lost_member_has_none()
    {
        var p = AsOf.AddDays(-80);
        var orders = Enumerable.Range(0, 4).Select(i => Order(p.AddDays(-30 * i), 2000, "beans", "merch", "coffee"))
            .Concat([Order(p.AddDays(20), 400, "coffee"), Order(p.AddDays(40), 400, "coffee")]).ToArray();
        var e = Evaluate(Facts(orders));
        Assert.Equal(["beans", "merch"], e.Reasons.Where(r => r.Kind == RiskReasonKind.CategoryDropped).Select(r => r.Category));
        Assert.False(Evaluate(Facts(orders), asOf: p.AddDays(40 + 90)).IsAtRisk);
    }
}
