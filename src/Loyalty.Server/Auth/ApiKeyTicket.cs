using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Loyalty.Server.Auth;

/// <summary>The authentication result of a known API key, whichever way it was sent.</summary>
internal static class ApiKeyTicket
{
    public static Task<AuthenticateResult> For(string name, string role, string scheme) =>
        For(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], scheme), scheme);

    public static Task<AuthenticateResult> For(ClaimsIdentity identity, string scheme) =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme)));
}
