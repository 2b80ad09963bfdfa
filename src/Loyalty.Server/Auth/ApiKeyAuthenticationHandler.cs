using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Auth;

/// <summary>Authenticates tills, marketing tools and operators by their <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) && !TryHubAccessToken(out values))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || !keys.TryMatch(values[0]!, out var name, out var role))
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>
    /// Browsers cannot set headers on a WebSocket: on the hub a till's key may come as the SignalR access token, that
    /// is as <c>access_token</c> or as a bearer token that is not a JWT.
    /// </summary>
    private bool TryHubAccessToken(out Microsoft.Extensions.Primitives.StringValues values)
    {
        values = default;
        if (!Request.Path.StartsWithSegments(AuthSetup.HubPathPrefix))
            return false;
        var token = AuthSetup.BearerToken(Request) ?? (Request.Query[AuthSetup.AccessTokenParameter] is { Count: 1 } query ? query[0] : null);
        if (token is null || AuthSetup.LooksLikeJwt(token))
            return false;
        values = token;
        return true;
    }
}
