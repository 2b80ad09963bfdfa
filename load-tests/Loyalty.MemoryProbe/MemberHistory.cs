using Loyalty.Domain;

namespace Loyalty.MemoryProbe;

/// <summary>
/// The probe's members and what they buy: a profile, then small café purchases of 1 to 3 lines, always with a
/// coffee (so the stamp card counts and now and then issues a free coffee). Every string is a new instance, as
/// when the host reads it from a request body, so that members share no strings the engine would not share.
/// </summary>
internal static class MemberHistory
{
    private sealed record Item(string Sku, string Category, decimal UnitPrice);

    private static readonly Item[] Coffees =
    [
        new("LATTE", "coffee", 3.20m),
        new("ESPRESSO", "coffee", 2.10m),
        new("CAPPUCCINO", "coffee", 3.00m),
    ];

    private static readonly Item[] Others =
    [
        new("CROISSANT", "bakery", 2.40m),
        new("SANDWICH", "food", 5.90m),
        new("WATER", "drinks", 1.50m),
    ];

    /// <summary>Member ids and empty grain ids have the same length: their keys cost the same.</summary>
    public static string MemberId(int index) => $"M-{index:D7}";

    public static string EmptyGrainId(int index) => $"E-{index:D7}";

    public static MemberProfile Profile(int index) => new(
        $"Member {index:D7}",
        $"member{index:D7}@example.org",
        new DateOnly(1950 + index % 55, 1 + index % 12, 1 + index % 28));

    /// <summary>The <paramref name="number"/>th purchase of a member: a coffee, and up to two other items.</summary>
    public static Purchase Purchase(string memberId, int number, Random random)
    {
        var count = random.Next(1, 4);
        var coffee = Coffees[random.Next(Coffees.Length)];
        var lines = new PurchaseLine[count];
        lines[0] = Line(coffee, random);
        var others = Others.OrderBy(_ => random.Next()).ToArray();
        for (var i = 1; i < count; i++)
            lines[i] = Line(others[i - 1], random);
        return new Purchase($"{memberId}-T{number}", Fresh("S-01"), null, lines);
    }

    private static PurchaseLine Line(Item item, Random random) =>
        new(Fresh(item.Sku), Fresh(item.Category), random.Next(1, 4), item.UnitPrice);

    private static string Fresh(string value) => new(value.AsSpan());
}
