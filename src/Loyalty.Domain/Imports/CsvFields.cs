using System.Globalization;

namespace Loyalty.Domain.Imports;

/// <summary>Typed CSV fields: invariant culture, ISO 8601 dates; a field that does not parse names itself in <see cref="CsvFieldException"/>.</summary>
internal static class CsvFields
{
    public static DateTimeOffset? Time(string? value, string field) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new CsvFieldException(field, $"'{field}' is not a date and time (ISO 8601, e.g. 2025-03-14T10:30:00Z).");

    public static DateOnly? Day(string? value, string field) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CsvFieldException(field, $"'{field}' is not a date (yyyy-MM-dd).");

    public static long? Long(string? value, string field) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new CsvFieldException(field, $"'{field}' is not a whole number.");

    public static int? Int(string? value, string field) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new CsvFieldException(field, $"'{field}' is not a whole number.");

    public static decimal? Decimal(string? value, string field) =>
        value is null ? null
        : decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n
        : throw new CsvFieldException(field, $"'{field}' is not a number (a '.' before the decimals).");
}

internal sealed class CsvFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
