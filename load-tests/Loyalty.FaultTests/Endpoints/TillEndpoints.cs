using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>The calls of enrolled tills: operators enrol, list and revoke them; an enrolled till exchanges its key for a session token.</summary>
internal static class TillEndpoints
{
    public const string TillName = "Fault test till";

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("POST", "/api/tills", EndpointAccess.Operations,
            [new("name", FieldKind.Text, Required: true, MaxLength: 100), new("storeId", FieldKind.Text, Required: true, MaxLength: 64)],
            [],
            _ => TillBody()),
        new("GET", "/api/tills", EndpointAccess.Operations, [], [], null),
        new("DELETE", "/api/tills/{tillId}", EndpointAccess.Operations, [], [], null),
        new("POST", "/api/tills/sessions", EndpointAccess.EnrolledTill, [], [], null),
    ];

    public static JsonObject TillBody() => new() { ["name"] = TillName, ["storeId"] = "S-01" };
}
