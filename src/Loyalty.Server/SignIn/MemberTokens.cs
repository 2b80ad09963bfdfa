using System.Security.Claims;
using Loyalty.Domain.SignIn;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Storage.SignIn;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Server.SignIn;

/// <summary>A member's token pair: a short-lived access token (JWT) and the refresh token that gets the next pair.</summary>
public sealed record MemberTokenPair(string MemberId, string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken);

/// <summary>
/// Issues member token pairs: access tokens signed by <see cref="EngineSigningKey"/> (<c>sub</c> the member,
/// <c>sid</c> the refresh family), lifetimes from <see cref="SignInOptions"/>; refresh tokens kept as digests in
/// <see cref="RefreshTokenStore"/>. Access tokens run on the wall clock (their checker does); refresh tokens on the
/// programme clock.
/// </summary>
public sealed class MemberTokens(
    EngineSigningKey key, RefreshTokenStore store, IOptions<JwtSettings> jwt, IOptions<SignInOptions> options,
    TimeProvider wallClock, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock)
{
    public const string FamilyClaim = "sid";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A new sign-in of <paramref name="memberId"/>: a new refresh family and its first pair.</summary>
    public async Task<MemberTokenPair> SignInAsync(string memberId, CancellationToken cancellationToken)
    {
        var family = RefreshTokens.NewFamilyId();
        await store.StartFamilyAsync(family, memberId, clock.GetUtcNow(), cancellationToken);
        return await NextAsync(memberId, family, cancellationToken);
    }

    /// <summary>The next pair of a family whose previous refresh token was just spent.</summary>
    public async Task<MemberTokenPair> NextAsync(string memberId, string familyId, CancellationToken cancellationToken)
    {
        var refresh = RefreshTokens.NewToken();
        await store.AddAsync(RefreshTokens.Digest(refresh), familyId, clock.GetUtcNow() + options.Value.RefreshTokenLifetime, cancellationToken);
        var now = wallClock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var access = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = jwt.Value.Audience,
            Subject = new ClaimsIdentity([new Claim(MemberAccess.SubjectClaim, memberId), new Claim(FamilyClaim, familyId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new MemberTokenPair(memberId, access, expires, refresh);
    }
}
