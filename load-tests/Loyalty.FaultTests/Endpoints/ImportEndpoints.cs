namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// Imports, for operators. The fault tests send them no file: a permitted POST without an NDJSON or CSV body is
/// refused with 415 (the caller is checked first), and the status of an import that does not exist is 404. Import files
/// with hostile lines are the engine's own tests' (every line refused on its own, never a 500).
/// </summary>
internal static class ImportEndpoints
{
    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("POST", "/api/imports/{kind}", EndpointAccess.Operations, [], ["dryRun", "awardPoints"], null, Status: 415),
        new("GET", "/api/imports/{importId}", EndpointAccess.Operations, [], [], null, Status: 404),
    ];
}
