using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.FaultTests.Access;

/// <summary>Member tokens (HS256 JWTs) signed like the engine's identity provider would, and spoiled ones.</summary>
internal sealed class MemberTokens(string issuer, string audience, string signingKey)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public string For(string memberId) => Create(memberId, signingKey, issuer, DateTime.UtcNow, DateTime.UtcNow + Lifetime);

    /// <summary>A valid token of the member that also claims the till role, under both common names of a role claim.</summary>
    public string ClaimingTillRole(string memberId) =>
        Create(memberId, signingKey, issuer, DateTime.UtcNow, DateTime.UtcNow + Lifetime, [new("role", "till"), new(ClaimTypes.Role, "till")]);

    /// <summary>Expired an hour ago, beyond any clock skew.</summary>
    public string Expired(string memberId) =>
        Create(memberId, signingKey, issuer, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

    /// <summary>Signed with another key.</summary>
    public string WrongSignature(string memberId) =>
        Create(memberId, signingKey + "-but-not-this-one", issuer, DateTime.UtcNow, DateTime.UtcNow + Lifetime);

    /// <summary>Issued by someone else.</summary>
    public string WrongIssuer(string memberId) =>
        Create(memberId, signingKey, "someone-else", DateTime.UtcNow, DateTime.UtcNow + Lifetime);

    /// <summary>The member's token with its signature cut off (<c>header.payload.</c>).</summary>
    public string Unsigned(string memberId)
    {
        var token = For(memberId);
        return token[..(token.LastIndexOf('.') + 1)];
    }

    /// <summary>Three dot-separated parts that are not a token.</summary>
    public const string Malformed = "not.a.token";

    private string Create(string memberId, string key, string tokenIssuer, DateTime notBefore, DateTime expires, Claim[]? extraClaims = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = tokenIssuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", memberId), .. extraClaims ?? []]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
