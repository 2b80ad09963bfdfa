using System.Text;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Storage.Liability;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Loyalty.Server.Apis;

/// <summary>Programme-wide reports for support and marketing: <c>/api/reports</c>.</summary>
public static class ReportsApi
{
    public const string CsvMediaType = "text/csv";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);
        reports.MapGet("/points-liability", PointsLiability).WithName("GetPointsLiability")
            .Produces<PointsLiabilityResponse>(StatusCodes.Status200OK, "application/json", CsvMediaType)
            .WithSummary("Outstanding and pending points by the month they expire, from this month on, their value at " +
                         "Loyalty:Program:PointValue, and the points members owe; JSON, or CSV with Accept: text/csv.");
        return app;
    }

    private static async Task<IResult> PointsLiability(HttpContext http, ILiabilityCounters counters, IOptions<ProgrammeOptions> programme,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        var today = DateOnly.FromDateTime(asOf.UtcDateTime);
        var options = programme.Value;
        var report = LiabilityReport.Build(await counters.ReadAsync(today, cancellationToken), today, options.PointValue);
        if (WantsCsv(http.Request))
            return Results.Text(LiabilityCsv.Write(report), CsvMediaType + "; charset=utf-8", Encoding.UTF8);
        return TypedResults.Ok(PointsLiabilityResponse.From(report, asOf, options.Currency));
    }

    /// <summary>CSV when the caller accepts it and prefers nothing else to it.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var csv = accept.Where(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        if (csv <= 0)
            return false;
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv >= json;
    }
}
