namespace Loyalty.FaultTests.Endpoints;

/// <summary>Programme-wide reports, for support and marketing: read-only, no body, no query.</summary>
internal static class ReportEndpoints
{
    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("GET", "/api/reports/points-liability", EndpointAccess.SupportOrMarketing, [], [], null),
    ];
}
