using Loyalty.FaultTests.Cluster;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// One credential of each kind, for calls aimed at <c>member</c>; "other" is another enrolled member, and
/// <paramref name="enrolledTillKey"/> the key of a till enrolled for the run.
/// </summary>
internal static class CredentialSet
{
    public static IReadOnlyDictionary<CredentialKind, Credential> For(FaultContext context, string member, string other, string enrolledTillKey)
    {
        var tokens = new MemberTokens(context.JwtIssuer, context.JwtAudience, context.JwtSigningKey);
        return new Dictionary<CredentialKind, Credential>
        {
            [CredentialKind.None] = Credential.None,
            [CredentialKind.WrongKey] = new("wrong key", ApiKey: "not-a-configured-key"),
            [CredentialKind.TillKey] = new("till key", ApiKey: context.TillKey),
            [CredentialKind.MarketingKey] = new("marketing key", ApiKey: context.MarketingKey),
            [CredentialKind.SupportKey] = new("support key", ApiKey: context.SupportKey),
            [CredentialKind.OwnMemberToken] = new("the member's own token", BearerToken: tokens.For(member)),
            [CredentialKind.OtherMemberToken] = new("another member's token", BearerToken: tokens.For(other)),
            [CredentialKind.TokenClaimingTillRole] = new("the member's token claiming the till role", BearerToken: tokens.ClaimingTillRole(member)),
            [CredentialKind.TillKeyAsBearer] = new("the till key as a bearer token", BearerToken: context.TillKey),
            [CredentialKind.KeyInOtherCase] = new("the till key in upper case", ApiKey: context.TillKey.ToUpperInvariant()),
            [CredentialKind.TwoKeys] = new("two keys", ApiKey: context.TillKey, SecondApiKey: context.MarketingKey),
            [CredentialKind.ExpiredToken] = new("an expired token", BearerToken: tokens.Expired(member)),
            [CredentialKind.WrongSignatureToken] = new("a token signed with another key", BearerToken: tokens.WrongSignature(member)),
            [CredentialKind.WrongIssuerToken] = new("a token of another issuer", BearerToken: tokens.WrongIssuer(member)),
            [CredentialKind.UnsignedToken] = new("a token without signature", BearerToken: tokens.Unsigned(member)),
            [CredentialKind.MalformedToken] = new("a malformed token", BearerToken: MemberTokens.Malformed),
            [CredentialKind.OperationsKey] = new("operations key", ApiKey: context.OperationsKey),
            [CredentialKind.EnrolledTillKey] = new("an enrolled till's key", ApiKey: enrolledTillKey),
        };
    }
}
