namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// The calls that find a member by what the customer gives (card, phone, e-mail) and handle their cards: tills and
/// support (a member may read their own cards). A valid lookup asks for the target member's e-mail; the card calls use the card issued for the run.
/// </summary>
internal static class IdentityEndpoints
{
    public const string LookupTemplate = "/api/members/lookup";

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("GET", LookupTemplate, EndpointAccess.TillOrSupport, [], ["card", "phone", "email"], null,
            t => $"email={Cluster.RunMembers.Email(t.MemberId)}"),
        new("GET", "/api/members/{memberId}/cards", EndpointAccess.TillSupportOrThatMember, [], [], null),
        new("POST", "/api/members/{memberId}/cards", EndpointAccess.TillOrSupport, [], [], null),
        new("PUT", "/api/members/{memberId}/cards/{cardNumber}", EndpointAccess.TillOrSupport, [], [], null),
        new("DELETE", "/api/members/{memberId}/cards/{cardNumber}", EndpointAccess.TillOrSupport, [], [], null),
    ];
}
