using System.Collections.Concurrent;

namespace Loyalty.Domain;

/// <summary>
/// One instance of each SKU and category among the sales members remember, so that every member who bought a latte
/// does not keep a "LATTE" and a "coffee" of their own. Only the instance changes, never the value. Bounded: beyond
/// <see cref="MaxEntries"/> distinct values, or for values longer than <see cref="MaxLength"/>, a string is kept as it
/// came. Safe from any thread.
/// </summary>
internal static class CatalogueStrings
{
    internal const int MaxEntries = 16_384;
    internal const int MaxLength = 64;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>The shared instance equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    public static string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength)
            return value;
        if (Pool.TryGetValue(value, out var shared))
            return shared;
        if (Volatile.Read(ref _count) >= MaxEntries)
            return value;
        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
            Interlocked.Increment(ref _count);
        return shared;
    }

    /// <summary>The lines with their SKUs and categories shared; a line whose strings are already shared is kept.</summary>
    public static PurchaseLine[] ShareLines(IReadOnlyList<PurchaseLine> lines)
    {
        var shared = new PurchaseLine[lines.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            var line = lines[i];
            var sku = Share(line.Sku)!;
            var category = Share(line.Category);
            shared[i] = ReferenceEquals(sku, line.Sku) && ReferenceEquals(category, line.Category)
                ? line
                : line with { Sku = sku, Category = category };
        }
        return shared;
    }
}
