using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// The status each credential must get from each endpoint and from the hub, from the contract: 401 without valid
/// credentials, 403 for the wrong role or another member's account, success otherwise. Pure.
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
        var allowed = credential switch
        {
            CredentialKind.TillKey => true,
            CredentialKind.MarketingKey => endpoint.Access is EndpointAccess.Staff or EndpointAccess.StaffOrThatMember,
            CredentialKind.OwnMemberToken or CredentialKind.TokenClaimingTillRole => endpoint.Access == EndpointAccess.StaffOrThatMember,
            _ => false,
        };
        return allowed ? SuccessStatus(endpoint) : 403;
    }

    /// <summary>The success status of a valid request (a profile update of an enrolled member is 200, not 201).</summary>
    public static int SuccessStatus(EndpointSpec endpoint) => 200;

    /// <summary>What the hub must do for a credential watching the token's own member: refuse the connection (401, 403), or let it watch or not.</summary>
    public static string Hub(CredentialKind credential) => credential switch
    {
        _ when credential.IdentifiesNoOne() => "401",
        CredentialKind.MarketingKey => "403",
        CredentialKind.TillKey or CredentialKind.TillKeyAsBearer or CredentialKind.OwnMemberToken or CredentialKind.TokenClaimingTillRole => HubWatches,
        _ => HubWatchRefused,
    };
}
