using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Loyalty.Server.Auth;

/// <summary>The authentication result of a known API key, whichever way it was sent.</summary>
internal static class ApiKeyTicket
{
    public static Task<AuthenticateResult> For(string name, string role, string scheme)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme)));
    }
}
