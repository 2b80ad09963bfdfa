namespace Loyalty.FaultTests.Access;

/// <summary>The credentials every endpoint and hub method is tried with.</summary>
internal enum CredentialKind
{
    None,
    WrongKey,
    TillKey,
    MarketingKey,
    /// <summary>A support (customer service) key.</summary>
    SupportKey,
    OwnMemberToken,
    OtherMemberToken,
    /// <summary>The member's own token, also claiming the till role (as a careless identity provider might issue).</summary>
    TokenClaimingTillRole,
    /// <summary>The till's key as a bearer token: accepted on the hub (where browsers cannot send headers), nowhere else.</summary>
    TillKeyAsBearer,
    /// <summary>The till's key in upper case: keys are matched exactly.</summary>
    KeyInOtherCase,
    /// <summary>Two <c>X-Api-Key</c> headers, the till's and marketing's.</summary>
    TwoKeys,
    ExpiredToken,
    WrongSignatureToken,
    WrongIssuerToken,
    UnsignedToken,
    MalformedToken,
    OperationsKey,
    /// <summary>The key of a till enrolled for the run (<c>POST /api/tills</c>): a till, that may also start a session.</summary>
    EnrolledTillKey,
}

internal static class CredentialKinds
{
    /// <summary>Credentials that identify no one: the engine answers 401 wherever credentials are needed.</summary>
    public static bool IdentifiesNoOne(this CredentialKind kind) => kind is CredentialKind.None or CredentialKind.WrongKey
        or CredentialKind.KeyInOtherCase or CredentialKind.TwoKeys
        or CredentialKind.ExpiredToken or CredentialKind.WrongSignatureToken or CredentialKind.WrongIssuerToken
        or CredentialKind.UnsignedToken or CredentialKind.MalformedToken;

    public static string Label(this CredentialKind kind) => kind switch
    {
        CredentialKind.None => "none",
        CredentialKind.WrongKey => "wrong key",
        CredentialKind.TillKey => "till",
        CredentialKind.MarketingKey => "marketing",
        CredentialKind.SupportKey => "support",
        CredentialKind.OwnMemberToken => "own token",
        CredentialKind.OtherMemberToken => "other's token",
        CredentialKind.TokenClaimingTillRole => "token+till role",
        CredentialKind.TillKeyAsBearer => "key as bearer",
        CredentialKind.KeyInOtherCase => "KEY IN CAPS",
        CredentialKind.TwoKeys => "two keys",
        CredentialKind.ExpiredToken => "expired",
        CredentialKind.WrongSignatureToken => "bad signature",
        CredentialKind.WrongIssuerToken => "wrong issuer",
        CredentialKind.UnsignedToken => "unsigned",
        CredentialKind.MalformedToken => "malformed",
        CredentialKind.OperationsKey => "operations",
        CredentialKind.EnrolledTillKey => "enrolled till",
        _ => kind.ToString(),
    };
}
