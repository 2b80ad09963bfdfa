using System.Security.Claims;
using Loyalty.Server.Auth;
using Loyalty.Storage.Tills;

namespace Loyalty.Server.Tills;

/// <summary>Who an enrolled till is, as its credential signs it in: role <c>till</c>, its name, its id, and how.</summary>
public static class TillClaims
{
    public const string TillId = "tillId";
    /// <summary><c>key</c> or <c>session</c>: only a key may be exchanged for a session token.</summary>
    public const string Credential = "tillCredential";
    /// <summary>The digest of the credential, so that an open hub connection can be closed when it ends (never sent anywhere).</summary>
    public const string CredentialDigest = "tillCredentialDigest";

    public static ClaimsIdentity Identity(TillCredential till, string scheme) => new(
    [
        new Claim(ClaimTypes.Name, till.Name),
        new Claim(ClaimTypes.Role, Roles.Till),
        new Claim(TillId, till.TillId),
        new Claim(Credential, till.IsSession ? "session" : "key"),
        new Claim(CredentialDigest, till.Digest),
    ], scheme);

    /// <summary>The enrolled till making the call, or null (a configured key, a member).</summary>
    public static string? TillIdOf(this ClaimsPrincipal user) => user.FindFirstValue(TillId);

    public static bool SignedInWithTillKey(this ClaimsPrincipal user) => user.FindFirstValue(Credential) == "key";
}
