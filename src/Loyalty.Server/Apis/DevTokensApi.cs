using System.Security.Claims;
using System.Text;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Server.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Server.Apis;

/// <summary>
/// Development only: <c>POST /api/dev/tokens { memberId }</c> signs a member token with the configured key, so that
/// the member app can be tried without an identity provider. Not mapped outside the Development environment.
/// </summary>
public static class DevTokensApi
{
    public sealed record TokenRequest(string? MemberId);

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app, IHostEnvironment environment, JwtSettings jwt)
    {
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(jwt.SigningKey))
            return app;
        app.MapPost("/api/dev/tokens", Issue).AllowAnonymous().WithTags("Development")
            .WithName("IssueDevelopmentToken").WithSummary("Development only: a member token for an enrolled member.");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Issue(
        TokenRequest? body, IGrainFactory grains, IOptions<JwtSettings> settings, TimeProvider time)
    {
        if (body?.MemberId is not { } memberId || !Rules.MemberId().IsMatch(memberId))
            return Problems.Invalid(new Dictionary<string, string[]> { ["memberId"] = ["'memberId' must be 1 to 64 letters, digits, '-' or '_'."] });
        if (await grains.GetGrain<IMemberGrain>(memberId).GetAccount() is null)
            return Problems.MemberNotFound404(memberId);
        var jwt = settings.Value;
        var now = time.GetUtcNow();
        var expires = now.Add(jwt.DevelopmentTokenLifetime);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Subject = new ClaimsIdentity([new Claim(MemberAccess.SubjectClaim, memberId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
