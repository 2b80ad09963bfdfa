namespace Loyalty.InsightsData;

/// <summary>The coffee-shop catalogue the generated sales draw from: a few items per category, cheapest first.</summary>
internal static class Catalogue
{
    public sealed record Item(string Sku, decimal Price);

    public static readonly IReadOnlyDictionary<string, Item[]> ByCategory = new Dictionary<string, Item[]>(StringComparer.Ordinal)
    {
        ["coffee"] = [new("ESPRESSO", 2.20m), new("CAPPUCCINO", 3.10m), new("LATTE", 3.20m), new("FLAT-WHITE", 3.40m)],
        ["tea"] = [new("BREAKFAST-TEA", 2.40m), new("EARL-GREY", 2.80m), new("MATCHA", 3.90m)],
        ["pastry"] = [new("CROISSANT", 2.50m), new("PAIN-CHOC", 2.70m), new("MUFFIN", 2.90m), new("CINNAMON-ROLL", 3.30m)],
        ["sandwich"] = [new("HAM-CHEESE", 5.90m), new("VEGGIE-WRAP", 6.40m), new("CLUB", 7.20m)],
        ["juice"] = [new("ORANGE", 3.60m), new("GREEN", 4.50m)],
        ["beans"] = [new("HOUSE-BEANS", 11.90m), new("SINGLE-ORIGIN", 15.50m)],
        ["merch"] = [new("MUG", 12.00m), new("TOTE", 15.00m), new("TUMBLER", 22.00m)],
    };

    /// <summary>Categories a member may buy at every visit, with how much more often they are picked.</summary>
    public static readonly (string Category, int Weight)[] Everyday = [("coffee", 10), ("tea", 3), ("pastry", 6), ("sandwich", 5), ("juice", 2)];

    public static readonly string[] Stores = ["S-01", "S-02", "S-03", "S-04", "S-05"];
}
