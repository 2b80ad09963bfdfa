using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// The status each credential must get from each endpoint and from the hub, from the contract: 401 without valid
/// credentials, 403 for the wrong role or another member's account (or club membership), success otherwise. Pure.
/// </summary>
internal static class AccessExpectations
{
    public const string HubWatches = "watches";
    public const string HubWatchRefused = "watch refused";

    /// <summary>The status of a valid request to <paramref name="endpoint"/> made with <paramref name="credential"/>, aimed at the token's own member.</summary>
    public static int Status(EndpointSpec endpoint, CredentialKind credential)
    {
        if (endpoint.Access == EndpointAccess.Anyone)
            return SuccessStatus(endpoint);
        if (credential.IdentifiesNoOne() || credential == CredentialKind.TillKeyAsBearer)
            return 401;
        var access = endpoint.Access;
        var allowed = credential switch
        {
            CredentialKind.TillKey => IsTills(access),
            CredentialKind.EnrolledTillKey => IsTills(access) || access == EndpointAccess.EnrolledTill,
            CredentialKind.MarketingKey => access is not (EndpointAccess.Till or EndpointAccess.TillOrSupport or EndpointAccess.Operations
                or EndpointAccess.EnrolledTill or EndpointAccess.AnyMember or EndpointAccess.TillSupportOrThatMember or EndpointAccess.Support
                or EndpointAccess.SupportOrThatMember),
            CredentialKind.SupportKey => access is EndpointAccess.StaffOrSupport or EndpointAccess.StaffSupportOrThatMember
                or EndpointAccess.TillOrSupport or EndpointAccess.TillSupportOrThatMember or EndpointAccess.Support
                or EndpointAccess.SupportOrMarketing or EndpointAccess.SupportOrThatMember,
            CredentialKind.OperationsKey => access == EndpointAccess.Operations,
            CredentialKind.OwnMemberToken or CredentialKind.TokenClaimingTillRole => access is EndpointAccess.StaffOrThatMember
                or EndpointAccess.StaffOrAnyMember or EndpointAccess.MarketingOrThatMember or EndpointAccess.StaffSupportOrThatMember
                or EndpointAccess.AnyMember or EndpointAccess.TillSupportOrThatMember or EndpointAccess.SupportOrThatMember,
            CredentialKind.OtherMemberToken => access is EndpointAccess.StaffOrAnyMember or EndpointAccess.AnyMember,
            _ => false,
        };
        return allowed ? SuccessStatus(endpoint) : 403;
    }

    private static bool IsTills(EndpointAccess access) => access is EndpointAccess.Till or EndpointAccess.Staff
        or EndpointAccess.StaffOrThatMember or EndpointAccess.StaffOrAnyMember or EndpointAccess.StaffOrSupport
        or EndpointAccess.StaffSupportOrThatMember or EndpointAccess.TillOrSupport or EndpointAccess.TillSupportOrThatMember;

    /// <summary>
    /// The status of a valid request that is permitted: a promotion, a card, a till or a till's session is created (201);
    /// a card is unbound or a till revoked (204); a profile update of an enrolled member, or a club update of a club
    /// made for the run, is 200; an endpoint may say otherwise (a sign-in code is sent, 202; a made-up code is refused, 400).
    /// </summary>
    public static int SuccessStatus(EndpointSpec endpoint) => endpoint.Status ?? endpoint.Key switch
    {
        "POST /api/promotions" or "POST /api/members/{memberId}/cards" or "POST /api/tills" or "POST /api/tills/sessions" => 201,
        "DELETE /api/members/{memberId}/cards/{cardNumber}" or "DELETE /api/tills/{tillId}" => 204,
        _ => 200,
    };

    /// <summary>What the hub must do for a credential watching the token's own member: refuse the connection (401, 403), or let it watch or not.</summary>
    public static string Hub(CredentialKind credential) => credential switch
    {
        _ when credential.IdentifiesNoOne() => "401",
        CredentialKind.MarketingKey or CredentialKind.OperationsKey => "403",
        CredentialKind.TillKey or CredentialKind.SupportKey or CredentialKind.EnrolledTillKey or CredentialKind.TillKeyAsBearer or CredentialKind.OwnMemberToken or CredentialKind.TokenClaimingTillRole => HubWatches,
        _ => HubWatchRefused,
    };
}
