using System.Security.Claims;
using Loyalty.Server.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Server.Auth;

/// <summary>
/// Who is calling: tills and marketing tools by API key, members by JWT. One default scheme picks the right one per
/// request; on the hub, where browsers cannot set headers on WebSockets, both arrive as <c>access_token</c>.
/// </summary>
public static class AuthSetup
{
    public const string DefaultScheme = "Loyalty";
    public const string HubPathPrefix = "/hubs";
    public const string AccessTokenParameter = "access_token";

    public static IServiceCollection AddLoyaltyAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ApiKeyOptions>().Bind(config.GetSection(ApiKeyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddOptions<JwtSettings>().Bind(config.GetSection(JwtSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtSettings>, JwtSettingsValidator>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, MemberTokenOptions>();

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or member token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyBasicAuthenticationHandler>(ApiKeyBasicAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Till, p => p.RequireRole(Roles.Till))
            .AddPolicy(Policies.Marketing, p => p.RequireRole(Roles.Marketing))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Till, Roles.Marketing))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Till, Roles.Marketing, Roles.Member))
            .AddPolicy(Policies.AccountReader, p => p.RequireRole(Roles.Till, Roles.Marketing, Roles.Support, Roles.Member))
            .AddPolicy(Policies.Profile, p => p.RequireRole(Roles.Till, Roles.Marketing, Roles.Support))
            .AddPolicy(Policies.TillOrSupport, p => p.RequireRole(Roles.Till, Roles.Support))
            .AddPolicy(Policies.Support, p => p.RequireRole(Roles.Support))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Support, Roles.Marketing))
            .AddPolicy(Policies.MemberData, p => p.RequireRole(Roles.Support, Roles.Member))
            .AddPolicy(Policies.CardReader, p => p.RequireRole(Roles.Till, Roles.Support, Roles.Member))
            .AddPolicy(Policies.Watcher, p => p.RequireRole(Roles.Till, Roles.Support, Roles.Member))
            .AddPolicy(Policies.Operations, p => p
                .AddAuthenticationSchemes(DefaultScheme, ApiKeyBasicAuthenticationHandler.SchemeName)
                .RequireRole(Roles.Operations));
        return services;
    }

    /// <summary>A JWT has three dot-separated parts; an API key has none.</summary>
    public static bool LooksLikeJwt(string? token) => token is not null && token.Count(c => c == '.') == 2;

    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
            return ApiKeyAuthenticationHandler.SchemeName;
        if (BearerToken(request) is { } bearer)
            return LooksLikeJwt(bearer) || !request.Path.StartsWithSegments(HubPathPrefix)
                ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyAuthenticationHandler.SchemeName; // a SignalR client passes a till's key as its access token

        if (request.Path.StartsWithSegments(HubPathPrefix) && LooksLikeJwt(request.Query[AccessTokenParameter]))
            return JwtBearerDefaults.AuthenticationScheme;
        return ApiKeyAuthenticationHandler.SchemeName;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Role claim names a token may carry; none of them may make a member a till or marketing tool.</summary>
    private static readonly string[] TokenRoleClaims = [ClaimTypes.Role, "role", "roles"];

    /// <summary>
    /// A member token makes its bearer that member and nothing more: whatever roles the token claims are dropped
    /// (staff authenticate by API key), and the member role is added.
    /// </summary>
    public static void MemberOnly(ClaimsIdentity identity)
    {
        foreach (var claim in identity.Claims.Where(c => TokenRoleClaims.Contains(c.Type) || c.Type == identity.RoleClaimType).ToArray())
            identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(identity.RoleClaimType, Roles.Member));
    }

    /// <summary>
    /// Configures JWT validation from <see cref="JwtSettings"/> once configuration is final: tokens signed by the engine
    /// (<see cref="EngineSigningKey"/>) and, when an authority is configured, tokens of that issuer, by its keys.
    /// </summary>
    private sealed class MemberTokenOptions(IOptions<JwtSettings> settings, EngineSigningKey engineKey) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions o)
        {
            var jwt = settings.Value;
            o.MapInboundClaims = false;
            o.Authority = string.IsNullOrEmpty(jwt.Authority) ? null : jwt.Authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                ValidateIssuerSigningKey = true,
                IssuerSigningKeyResolverUsingConfiguration = (_, _, _, _, configuration) =>
                    (engineKey.KeyIfLoaded is { } key ? [key] : Array.Empty<SecurityKey>()).Concat(configuration?.SigningKeys ?? []),
                NameClaimType = MemberAccess.SubjectClaim,
                RoleClaimType = ClaimTypes.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = ctx =>
                {
                    var token = ctx.Request.Query[AccessTokenParameter].ToString();
                    if (ctx.Request.Path.StartsWithSegments(HubPathPrefix) && LooksLikeJwt(token))
                        ctx.Token = token;
                    return Task.CompletedTask;
                },
                OnTokenValidated = ctx =>
                {
                    if (ctx.Principal?.FindFirstValue(MemberAccess.SubjectClaim) is not { Length: > 0 })
                        ctx.Fail("The token has no 'sub' (member id).");
                    else
                        MemberOnly((ClaimsIdentity)ctx.Principal.Identity!);
                    // The ticket ends with the token, so that a hub connection opened with it closes then.
                    if (ctx.SecurityToken.ValidTo > DateTime.MinValue)
                        ctx.Properties.ExpiresUtc = new DateTimeOffset(ctx.SecurityToken.ValidTo, TimeSpan.Zero);
                    return Task.CompletedTask;
                },
            };
        }
    }
}
