using System.Globalization;
using System.Text;
using Loyalty.Domain;

namespace Loyalty.Server.Apis;

/// <summary>
/// The members export as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or
/// a line break), one row per member as the account shows it today. Numbers and times in invariant form (times UTC,
/// ISO 8601); an empty field for none. A name or e-mail address that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c> or a tab is written after an apostrophe, so that a spreadsheet opening the file does not run it as a formula.
/// </summary>
public static class MembersCsv
{
    public const string Header = "memberId,name,email,phone,birthDate,enrolledAt,points,pendingPoints,tier,lifetimeSpend,lastPurchaseAt,clubs";

    public static string Row(AccountView account)
    {
        var row = new StringBuilder();
        row.Append(Field(account.MemberId)).Append(',')
            .Append(Field(Text(account.Name))).Append(',')
            .Append(Field(Text(account.Email))).Append(',')
            .Append(Field(account.Phone)).Append(',')
            .Append(account.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
            .Append(Time(account.EnrolledAt)).Append(',')
            .Append(account.Points.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(account.PendingPoints.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(Field(account.Tier)).Append(',')
            .Append(account.LifetimeSpend.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(account.LastPurchaseAt is { } last ? Time(last) : "").Append(',')
            .Append(Field(string.Join(';', account.Clubs)))
            .Append("\r\n");
        return row.ToString();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Free text a person typed: kept from being read as a formula.</summary>
    private static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
