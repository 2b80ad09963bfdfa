using System.Security.Claims;
using Loyalty.Domain.SignIn;
using Loyalty.Server.Auth;
using Loyalty.Server.Identity;
using Loyalty.Server.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Apis;

/// <summary>Passwordless sign-in of members: <c>/api/auth</c> (codes, tokens, refresh, sign-out).</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/codes", RequestCode).AllowAnonymous().RequireRateLimiting(SignInSetup.CodeRequestsPolicy)
            .WithName("RequestSignInCode").WithSummary("Send a one-time sign-in code to an e-mail address or phone; 202 whoever it belongs to.");
        auth.MapPost("/tokens", Tokens).AllowAnonymous()
            .WithName("IssueMemberTokens").WithSummary("Exchange a sign-in code for a member's tokens, enrolling a new member when self sign-up is on.");
        auth.MapPost("/refresh", Refresh).AllowAnonymous()
            .WithName("RefreshMemberTokens").WithSummary("Exchange a refresh token for a new pair; a spent one revokes its sign-in.");
        auth.MapPost("/sign-out", SignOut).RequireAuthorization(p => p.RequireRole(Roles.Member))
            .WithName("SignOutMember").WithSummary("End the member's sign-in: its refresh tokens stop working.");
        return app;
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RequestCode(
        CodeRequest? body, SignInFlow flow, IOptions<IdentityOptions> identity, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var identifier = body is null ? null : SignInRequests.Identifier(body.Email, body.Phone, identity.Value.DefaultRegion, errors);
        if (body is null)
            errors["body"] = ["A JSON request body is required."];
        if (identifier is null)
            return Problems.Invalid(errors);
        return await flow.RequestCodeAsync(identifier, cancellationToken) switch
        {
            CodeRequestResult.Accepted => TypedResults.Accepted((string?)null),
            CodeRequestResult.Limited => SignInProblems.TooManyCodes429(),
            _ => SignInProblems.NoSender503(identifier.Kind),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Tokens(
        TokenRequest? body, SignInFlow flow, IOptions<IdentityOptions> identity, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON request body is required."] });
        var identifier = SignInRequests.Identifier(body.Email, body.Phone, identity.Value.DefaultRegion, errors);
        SignInRequests.CheckCode(body.Code, errors);
        SignInRequests.CheckName(body.Name, errors);
        if (identifier is null || errors.Count > 0)
            return Problems.Invalid(errors);
        var signedIn = await flow.RedeemAsync(identifier, body.Code!, body.Name, cancellationToken);
        return signedIn is null ? SignInProblems.InvalidCode400() : TypedResults.Ok(Response(signedIn.Tokens, signedIn.Created));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest? body, RefreshFlow flow, CancellationToken cancellationToken)
    {
        if (body?.RefreshToken is not { Length: > 0 } token)
            return Problems.Invalid(new Dictionary<string, string[]> { ["refreshToken"] = ["'refreshToken' is required."] });
        var (verdict, tokens) = await flow.RefreshAsync(token, cancellationToken);
        return verdict == RefreshVerdict.Usable ? TypedResults.Ok(Response(tokens!, created: false)) : SignInProblems.RefreshRefused401();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOut(ClaimsPrincipal user, RefreshFlow flow, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(MemberAccess.SubjectClaim) is { } memberId && user.FindFirstValue(MemberTokens.FamilyClaim) is { } family)
            await flow.SignOutAsync(memberId, family, cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenResponse Response(MemberTokenPair tokens, bool created) =>
        new(tokens.MemberId, tokens.AccessToken, tokens.ExpiresAt, tokens.RefreshToken, created);
}
