using Loyalty.Domain;

namespace Loyalty.Server.Apis;

/// <summary>The points liability, as JSON. <c>asOf</c> is when it was read; the days from its (UTC) date on count.</summary>
public sealed record PointsLiabilityResponse(DateTimeOffset AsOf, string Currency, decimal PointValue,
    IReadOnlyList<LiabilityMonth> Months, LiabilityAmount Outstanding, LiabilityAmount Pending, LiabilityAmount Debt)
{
    public static PointsLiabilityResponse From(LiabilityReport report, DateTimeOffset asOf, string currency) =>
        new(asOf, currency, report.PointValue, report.Months, report.Outstanding, report.Pending, report.Debt);
}
