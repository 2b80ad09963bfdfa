namespace Loyalty.Server.Auth;

/// <summary>
/// Member sign-in, from <c>Loyalty:Auth:Jwt</c>: tokens whose <c>sub</c> is the member id, signed with
/// <see cref="SigningKey"/> (HS256, for self-contained deployments) or issued by the OpenID Connect provider at
/// <see cref="Authority"/>. Without either, members cannot sign in; tills and marketing are not affected.
/// </summary>
public sealed class JwtSettings
{
    public const string SectionName = "Loyalty:Auth:Jwt";

    public string Issuer { get; set; } = "loyalty";
    public string Audience { get; set; } = "loyalty";
    public string? SigningKey { get; set; }
    public string? Authority { get; set; }

    /// <summary>Lifetime of the tokens the Development-only token endpoint issues.</summary>
    public TimeSpan DevelopmentTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool IsConfigured => !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(Authority);
}
