using System.Security.Claims;
using System.Text.Encodings.Web;
using Loyalty.Grains;
using Loyalty.Server.Tills;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Auth;

/// <summary>
/// Authenticates tills, marketing tools and operators by their <c>X-Api-Key</c> header: a configured key, or an
/// enrolled till's key or session token, looked up in this node's <see cref="TillCredentialCache"/>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry keys,
    TillCredentialCache tills,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) && !TryHubAccessToken(out values))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        if (keys.TryMatch(values[0]!, out var name, out var role))
            return ApiKeyTicket.For(name, role, SchemeName);
        if (tills.TryMatch(values[0]!, clock.GetUtcNow(), out var till))
            return ApiKeyTicket.For(TillClaims.Identity(till, SchemeName), SchemeName);
        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
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
