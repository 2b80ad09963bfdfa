namespace Loyalty.InsightsData;

/// <summary>What the generator planted in a member's history; the names match the insights' reasons where there is one.</summary>
public static class Plants
{
    /// <summary>Buys at their rhythm all year up to asOf.</summary>
    public const string Steady = "steady";

    /// <summary>A weekly or fortnightly member who stopped 4 to 11 weeks ago, beyond 3.5 × their interval.</summary>
    public const string Lapsed = "lapsed";

    /// <summary>A weekly or fortnightly member whose order values are about 40 to 60 % lower from 93 to 105 days before asOf
    /// on (cheaper items, smaller quantities, same categories).</summary>
    public const string AovFalling = "aov-falling";

    /// <summary>Stopped buying one of 2 or 3 regular categories 100 to 200 days ago, still buying the others as often.</summary>
    public const string CategoryDropped = "category-dropped";

    /// <summary>Stopped buying 100 to 300 days ago.</summary>
    public const string Lost = "lost";

    /// <summary>First purchase within the last 2 months.</summary>
    public const string New = "new";

    public static readonly IReadOnlyList<string> All = [Steady, Lapsed, AovFalling, CategoryDropped, Lost, New];
}

public sealed record GeneratedLine(string Sku, string Category, int Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}

public sealed record GeneratedSale(string TransactionId, string StoreId, DateTimeOffset OccurredAt, IReadOnlyList<GeneratedLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>A member, what was planted in their history, and their sales, oldest first.</summary>
public sealed record GeneratedMember(string MemberId, string Plant, IReadOnlyList<GeneratedSale> Sales);
