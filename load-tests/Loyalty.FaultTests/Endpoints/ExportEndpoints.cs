namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// Data out, read-only, no body: a member's copy of their data (support, or the member themself), every member as CSV
/// and the ledger of a date range as NDJSON (support and marketing).
/// </summary>
internal static class ExportEndpoints
{
    /// <summary>A valid range of the ledger export: any dates in order, at most a year apart.</summary>
    public const string LedgerRange = "from=2026-01-01&to=2026-01-31";

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("GET", "/api/members/{memberId}/export", EndpointAccess.SupportOrThatMember, [], [], null),
        new("GET", "/api/exports/members", EndpointAccess.SupportOrMarketing, [], [], null),
        new("GET", "/api/exports/ledger", EndpointAccess.SupportOrMarketing, [], ["from", "to"], null, _ => LedgerRange),
    ];
}
