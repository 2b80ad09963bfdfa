using System.Globalization;
using System.Text;
using Loyalty.Domain;

namespace Loyalty.Server.Apis;

/// <summary>
/// The points liability as CSV, one line per kind and month: <c>kind,month,points,value</c>, with kind
/// <c>outstanding</c> or <c>pending</c> by expiry month, and one <c>debt</c> line (no month). Numbers in invariant form.
/// </summary>
public static class LiabilityCsv
{
    public const string Header = "kind,month,points,value";

    public static string Write(LiabilityReport report)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        void Line(string kind, string month, LiabilityAmount amount) => csv.Append(CultureInfo.InvariantCulture,
            $"{kind},{month},{amount.Points},{amount.Value}\r\n");
        foreach (var month in report.Months.Where(m => m.Outstanding.Points != 0))
            Line("outstanding", month.Month, month.Outstanding);
        foreach (var month in report.Months.Where(m => m.Pending.Points != 0))
            Line("pending", month.Month, month.Pending);
        Line("debt", "", report.Debt);
        return csv.ToString();
    }
}
