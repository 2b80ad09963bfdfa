namespace Loyalty.InsightsData;

/// <summary>How many members of each plant, as weights (the share of a plant is its weight over the sum).</summary>
public sealed record PlantMix(double Steady = 60, double Lapsed = 8, double AovFalling = 8, double CategoryDropped = 8, double Lost = 8, double New = 8)
{
    internal string Pick(double u)
    {
        var weights = new[] { Steady, Lapsed, AovFalling, CategoryDropped, Lost, New };
        var x = u * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i])
                return Plants.All[i];
            x -= weights[i];
        }
        return Plants.Steady;
    }
}

/// <summary>
/// A deterministic population of coffee-shop members: a year of purchases ending at <c>asOf</c> (none older than 365
/// days, so that an engine whose transaction window is 366 days takes them all), the same for the same
/// seed, member by member (member <c>i</c> does not depend on how many members are generated).
/// </summary>
/// <remarks>
/// Every member has a rhythm (weekly: a usual interval of 5 to 9 days; fortnightly: 12 to 16; monthly: 26 to 34) with a
/// gap of <c>interval × (1 + N(0, 0.2))</c> between visits and one visit in 20 skipped; 1 to 3 regular categories
/// among coffee, tea, pastry, sandwich and juice (the first bought at 97 % of visits, the others at 85 to 97 %), each
/// with a favourite item and a usual quantity (1 to 3) that is one more at 6 % of visits and one less at 4 %; one visit
/// in 30 adds an item of another category (beans and merchandise only come so). Visits fall on opening hours (7:00 to
/// 20:00 UTC), 85 % of them at the member's home store. The plants change that pattern as <see cref="Plants"/> says.
/// </remarks>
public sealed class InsightsDataGenerator(int seed, DateTimeOffset asOf, PlantMix? mix = null)
{
    private readonly PlantMix _mix = mix ?? new PlantMix();

    public DateTimeOffset AsOf { get; } = asOf;

    public int Seed { get; } = seed;

    public IEnumerable<GeneratedMember> Members(int count) => Enumerable.Range(0, count).Select(Member);

    public static string MemberIdOf(int seed, int index) => $"ins-{(uint)seed:x8}-{index:D7}";

    private sealed record Habit(string Category, Catalogue.Item Item, int Quantity, double Probability);

    public GeneratedMember Member(int index)
    {
        var random = new Random(MixSeed(Seed, index));
        var plant = _mix.Pick(random.NextDouble());
        var id = MemberIdOf(Seed, index);

        // Rhythm: a lapsed member visits often enough to be seen lapsing before they would count as lost, and a member
        // whose order value falls often enough to have several orders in each 3-month window (a monthly member's two or
        // three orders cannot tell a fall from a smaller basket now and then).
        var rhythm = plant is Plants.Lapsed or Plants.AovFalling ? random.Next(2) : Pick(random, [0.45, 0.30, 0.25]);
        var interval = rhythm switch
        {
            0 => Uniform(random, 5, 9),
            1 => Uniform(random, 12, 16),
            _ => Uniform(random, 26, 34),
        };

        var habits = Habits(random, plant);
        var home = Catalogue.Stores[random.Next(Catalogue.Stores.Length)];

        // The plant's moment of change, in days before asOf.
        var changeDays = plant switch
        {
            Plants.Lapsed => Uniform(random, Math.Max(28, 3.5 * interval), 77),
            Plants.Lost => Uniform(random, 100, 300),
            Plants.AovFalling => Uniform(random, 93, 105),
            Plants.CategoryDropped => Uniform(random, 100, 200),
            Plants.New => Uniform(random, 3, 60),
            _ => 0,
        };
        var aovFactor = Uniform(random, 0.4, 0.6);

        var times = new List<DateTimeOffset>();
        var start = plant == Plants.New ? AsOf.AddDays(-changeDays) : AsOf.AddDays(-364 + Uniform(random, 0, interval));
        var end = plant is Plants.Lapsed or Plants.Lost ? AsOf.AddDays(-changeDays) : AsOf;
        for (var t = start; t <= end;)
        {
            times.Add(t);
            var gap = Math.Max(1, interval * (1 + 0.2 * Normal(random)));
            if (random.NextDouble() < 0.05)
                gap += interval;
            t = t.AddDays(gap);
        }
        if (plant is Plants.Lapsed or Plants.Lost)
        {
            // The last visit is the moment of change itself; the one before keeps at least half an interval away.
            times.RemoveAll(t => t > end.AddDays(-interval / 2));
            times.Add(end);
        }

        var sales = new List<GeneratedSale>(times.Count);
        foreach (var day in times)
        {
            var at = OpeningHours(random, day);
            var changed = plant switch
            {
                Plants.AovFalling or Plants.CategoryDropped => at > AsOf.AddDays(-changeDays),
                _ => false,
            };
            var lines = Basket(random, habits, plant, changed, aovFactor);
            var store = random.NextDouble() < 0.85 ? home : Catalogue.Stores[random.Next(Catalogue.Stores.Length)];
            sales.Add(new GeneratedSale($"S{sales.Count + 1:D4}", store, at, lines));
        }
        sales.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return new GeneratedMember(id, plant, sales);
    }

    private static List<Habit> Habits(Random random, string plant)
    {
        var count = plant == Plants.CategoryDropped ? 2 + random.Next(2) : 1 + Pick(random, [0.35, 0.40, 0.25]);
        var pool = Catalogue.Everyday.ToList();
        var categories = new List<string>();
        while (categories.Count < count)
        {
            var x = random.NextDouble() * pool.Sum(p => p.Weight);
            var i = 0;
            while (x >= pool[i].Weight)
                x -= pool[i++].Weight;
            categories.Add(pool[i].Category);
            pool.RemoveAt(i);
        }

        // A member whose order value falls needs room to fall: they used to buy two or three of each.
        return categories.Select((c, i) =>
        {
            var items = Catalogue.ByCategory[c];
            var quantity = plant == Plants.AovFalling ? 2 + random.Next(2) : 1 + Pick(random, [0.70, 0.25, 0.05]);
            return new Habit(c, items[random.Next(items.Length)], quantity, i == 0 ? 0.97 : Uniform(random, 0.85, 0.97));
        }).ToList();
    }

    private static List<GeneratedLine> Basket(Random random, List<Habit> habits, string plant, bool changed, double aovFactor)
    {
        var lines = new List<GeneratedLine>();
        var dropped = plant == Plants.CategoryDropped && changed ? habits[^1] : null;
        var bought = habits.Select(h => random.NextDouble() < h.Probability).ToArray();
        if (!habits.Where((h, i) => bought[i] && h != dropped).Any())
            bought[0] = true; // every visit buys something: at least the main habit
        decimal droppedValue = 0;
        for (var i = 0; i < habits.Count; i++)
        {
            var h = habits[i];
            var quantity = Math.Max(1, h.Quantity + (random.NextDouble() < 0.06 ? 1 : 0) - (random.NextDouble() < 0.04 ? 1 : 0));
            if (!bought[i])
                continue;
            if (h == dropped)
            {
                droppedValue = quantity * h.Item.Price;
                continue;
            }
            var item = h.Item;
            if (plant == Plants.AovFalling && changed)
            {
                // Fewer and cheaper: the same categories for about aovFactor of the money.
                var target = quantity * item.Price * (decimal)aovFactor;
                item = Catalogue.ByCategory[h.Category][0];
                quantity = Math.Max(1, (int)Math.Round(target / item.Price, MidpointRounding.AwayFromZero));
                if (quantity > 1 && quantity * item.Price > target * 1.15m)
                    quantity--;
            }
            lines.Add(new GeneratedLine(item.Sku, h.Category, quantity, item.Price));
        }
        if (droppedValue > 0)
        {
            // The spend of the dropped category moves to the member's main category: same visits, same money.
            var first = lines[0];
            var more = (int)Math.Round(droppedValue / first.UnitPrice, MidpointRounding.AwayFromZero);
            lines[0] = first with { Quantity = first.Quantity + Math.Max(1, more) };
        }
        if (random.NextDouble() < 1.0 / 30)
        {
            var others = Catalogue.ByCategory.Keys.Where(c => habits.All(h => h.Category != c)).ToArray();
            var category = others[random.Next(others.Length)];
            var items = Catalogue.ByCategory[category];
            var item = items[random.Next(items.Length)];
            lines.Add(new GeneratedLine(item.Sku, category, 1, item.Price));
        }
        return lines;
    }

    private DateTimeOffset OpeningHours(Random random, DateTimeOffset t)
    {
        var day = new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero);
        var at = day.AddMinutes(7 * 60 + random.Next(13 * 60)).AddSeconds(random.Next(60));
        return at > AsOf ? AsOf.AddMinutes(-random.Next(1, 60)) : at;
    }

    private static int Pick(Random random, double[] probabilities)
    {
        var x = random.NextDouble();
        for (var i = 0; i < probabilities.Length - 1; i++)
        {
            if (x < probabilities[i])
                return i;
            x -= probabilities[i];
        }
        return probabilities.Length - 1;
    }

    private static double Uniform(Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A seed for member <paramref name="index"/> of <paramref name="seed"/> (SplitMix64), stable across runtimes.</summary>
    internal static int MixSeed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
