namespace Loyalty.Domain.Imports;

/// <summary>A members line as written in the file, before it is checked (<see cref="ImportLineRules.Member"/>).</summary>
public sealed class MemberLine
{
    public string? MemberId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? CardNumber { get; set; }
    public DateTimeOffset? EnrolledAt { get; set; }
    public long? Points { get; set; }
    public DateOnly? PointsExpireOn { get; set; }
    public string? Tier { get; set; }
}

/// <summary>A sales line as written in the file, before it is checked (<see cref="ImportLineRules.Sale"/>).</summary>
public sealed class SaleLine
{
    public string? MemberId { get; set; }
    public string? TransactionId { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }
    public string? StoreId { get; set; }
    public List<SaleItemLine?>? Lines { get; set; }
}

/// <summary>One line of a sale, as in a purchase: <c>{ sku, category?, quantity, unitPrice }</c>.</summary>
public sealed class SaleItemLine
{
    public string? Sku { get; set; }
    public string? Category { get; set; }
    public int? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }
}

/// <summary>A line read from an import file: the checked value, or why the line is refused.</summary>
public readonly record struct ImportParsed<T>(T? Value, ImportLineError? Error) where T : class
{
    public static ImportParsed<T> Refused(long line, string field, string message) => new(null, new ImportLineError(line, field, message));
}
