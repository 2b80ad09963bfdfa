namespace Loyalty.Domain.Imports;

/// <summary>How an import file is written: one JSON object per line, or CSV with a header line.</summary>
public enum ImportFormat
{
    Ndjson,
    Csv,
}

/// <summary>The CSV columns of each kind of import, in the order the README shows them.</summary>
public static class ImportCsvColumns
{
    public static readonly IReadOnlyList<string> MembersRequired = ["memberId", "name"];
    public static readonly IReadOnlyList<string> MembersOptional = ["email", "phone", "cardNumber", "enrolledAt", "points", "pointsExpireOn", "tier"];
    public static readonly IReadOnlyList<string> SalesRequired = ["memberId", "transactionId", "occurredAt", "sku", "quantity", "unitPrice"];
    public static readonly IReadOnlyList<string> SalesOptional = ["storeId", "category"];
}
