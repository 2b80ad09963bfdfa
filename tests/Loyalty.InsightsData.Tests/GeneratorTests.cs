using Loyalty.Domain;

namespace Loyalty.InsightsData.Tests;

public class GeneratorTests
{
    internal static readonly DateTimeOffset AsOf = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static string Fingerprint(GeneratedMember m) => $"{m.MemberId}|{m.Plant}|" + string.Join(";", m.Sales.Select(s =>
        $"{s.TransactionId},{s.StoreId},{s.OccurredAt:O}," + string.Join("+", s.Lines.Select(l => $"{l.Sku}:{l.Category}:{l.Quantity}:{l.UnitPrice}"))));

    [Fact]
    public void The_same_seed_gives_the_same_members_and_each_member_does_not_depend_on_the_population_size()
    {
        var a = new InsightsDataGenerator(42, AsOf).Members(300).Select(Fingerprint).ToArray();
        var b = new InsightsDataGenerator(42, AsOf).Members(300).Select(Fingerprint).ToArray();
        Assert.Equal(a, b);
        Assert.Equal(Fingerprint(new InsightsDataGenerator(42, AsOf).Member(123)), a[123]);
        var other = new InsightsDataGenerator(43, AsOf).Members(300).Select(Fingerprint).ToArray();
        Assert.True(a.Zip(other).Count(x => x.First == x.Second) == 0);
        Assert.Equal(300, a.Select(x => x.Split('|')[0]).Distinct().Count());
    }

    [Fact]
    public void Member_ids_transaction_ids_and_lines_are_what_the_engine_accepts()
    {
        foreach (var m in new InsightsDataGenerator(-7, AsOf).Members(500))
        {
            Assert.True(IdFormat.IsValid(m.MemberId), m.MemberId);
            Assert.Equal(m.Sales.Count, m.Sales.Select(s => s.TransactionId).Distinct().Count());
            Assert.NotEmpty(m.Sales);
            foreach (var s in m.Sales)
            {
                Assert.InRange(s.TransactionId.Length, 1, 64);
                Assert.InRange(s.OccurredAt, AsOf.AddDays(-365), AsOf);
                Assert.NotEmpty(s.Lines);
                Assert.All(s.Lines, l => Assert.True(l.Quantity is >= 1 and <= 100 && l.UnitPrice > 0 && decimal.Round(l.UnitPrice, 2) == l.UnitPrice));
            }
            Assert.Equal(m.Sales.OrderBy(s => s.OccurredAt).Select(s => s.TransactionId), m.Sales.Select(s => s.TransactionId));
        }
    }

    [Fact]
    public void The_mix_plants_each_kind_in_its_share()
    {
        var summary = PlantSummary.Of(new InsightsDataGenerator(1, AsOf).Members(5000));
        Assert.InRange(summary.Members[Plants.Steady], 2800, 3200);
        foreach (var plant in Plants.All.Where(p => p != Plants.Steady))
            Assert.InRange(summary.Members[plant], 330, 470);
        Assert.Equal(5000, summary.Members.Values.Sum());
        Assert.Contains("category-dropped", summary.Format());
        var none = PlantSummary.Of(new InsightsDataGenerator(1, AsOf, new PlantMix(Lapsed: 0, AovFalling: 0, CategoryDropped: 0, Lost: 0, New: 0)).Members(200));
        Assert.Equal(200, none.Members[Plants.Steady]);
    }

    private static IEnumerable<GeneratedMember> Planted(string plant, int count = 60) =>
        new InsightsDataGenerator(5, AsOf).Members(20_000).Where(m => m.Plant == plant).Take(count);

    private static double DaysSinceLast(GeneratedMember m) => (AsOf - m.Sales[^1].OccurredAt).TotalDays;

    [Fact]
    public void Lapsed_members_stopped_4_to_11_weeks_ago_and_lost_ones_100_to_300_days_ago()
    {
        foreach (var m in Planted(Plants.Lapsed))
        {
            Assert.InRange(DaysSinceLast(m), 27, 78);
            var gaps = m.Sales.Zip(m.Sales.Skip(1), (a, b) => (b.OccurredAt - a.OccurredAt).TotalDays).Order().ToArray();
            Assert.True(DaysSinceLast(m) > 3 * gaps[gaps.Length / 2], $"{m.MemberId}: {DaysSinceLast(m)} days against a median gap of {gaps[gaps.Length / 2]}");
        }
        foreach (var m in Planted(Plants.Lost))
            Assert.InRange(DaysSinceLast(m), 99, 301);
        foreach (var m in Planted(Plants.Steady))
            Assert.InRange(DaysSinceLast(m), 0, 80);
    }

    [Fact]
    public void New_members_joined_in_the_last_2_months()
    {
        foreach (var m in Planted(Plants.New))
            Assert.InRange((AsOf - m.Sales[0].OccurredAt).TotalDays, 2, 61);
        Assert.All(Planted(Plants.Steady), m => Assert.True((AsOf - m.Sales[0].OccurredAt).TotalDays > 300));
    }

    private static decimal Aov(IEnumerable<GeneratedSale> sales) => sales.Average(s => s.Total);

    [Fact]
    public void Aov_falling_members_spend_40_to_60_percent_less_per_order_over_the_last_3_months_in_the_same_categories()
    {
        var ratios = new List<double>();
        foreach (var m in Planted(Plants.AovFalling))
        {
            var recent = m.Sales.Where(s => s.OccurredAt > AsOf.AddMonths(-3)).ToArray();
            var earlier = m.Sales.Where(s => s.OccurredAt <= AsOf.AddMonths(-3) && s.OccurredAt > AsOf.AddMonths(-6)).ToArray();
            ratios.Add((double)(Aov(recent) / Aov(earlier)));
            var main = earlier.SelectMany(s => s.Lines).GroupBy(l => l.Category).MaxBy(g => g.Count())!.Key;
            Assert.Contains(recent, s => s.Lines.Any(l => l.Category == main));
        }
        Assert.InRange(ratios.Average(), 0.35, 0.65);
        Assert.True(ratios.Count(r => r <= 0.7) >= ratios.Count * 0.95, string.Join(", ", ratios.Select(r => r.ToString("0.00"))));
    }

    [Fact]
    public void Category_dropped_members_stopped_one_regular_category_over_3_months_ago_and_keep_buying_and_spending()
    {
        var ratios = new List<double>();
        foreach (var m in Planted(Plants.CategoryDropped))
        {
            var last = m.Sales.SelectMany(s => s.Lines.Select(l => (s.OccurredAt, l.Category))).GroupBy(x => x.Category)
                .ToDictionary(g => g.Key, g => g.Max(x => x.OccurredAt));
            var dropped = last.Where(x => (AsOf - x.Value).TotalDays >= 95)
                .Where(x => m.Sales.Count(s => s.Lines.Any(l => l.Category == x.Key)) >= 3).ToArray();
            Assert.True(dropped.Length >= 1, m.MemberId);
            Assert.True(DaysSinceLast(m) < 60, m.MemberId);
            var recent = m.Sales.Where(s => s.OccurredAt > AsOf.AddMonths(-3)).ToArray();
            var earlier = m.Sales.Where(s => s.OccurredAt <= AsOf.AddMonths(-9)).ToArray();
            ratios.Add((double)(Aov(recent) / Aov(earlier)));
        }
        // The spend of the dropped category moves to the others: the typical member spends about as much per visit.
        Assert.InRange(ratios.Order().ElementAt(ratios.Count / 2), 0.8, 1.25);
    }
}
