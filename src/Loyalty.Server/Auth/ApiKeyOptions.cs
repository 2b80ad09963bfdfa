namespace Loyalty.Server.Auth;

/// <summary>Till, marketing and operations keys, from <c>Loyalty:Auth:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Loyalty:Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>
/// One key. Give either <see cref="Key"/> (hashed when loaded; the plain key is not kept) or
/// <see cref="KeySha256"/> (hex SHA-256 of the key) so that configuration need not hold the key itself.
/// </summary>
public sealed class ApiKeyEntry
{
    public string? Key { get; set; }
    public string? KeySha256 { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";

    /// <summary>This key's own rate, instead of <c>Loyalty:RateLimits:ApiKey:PermitsPerSecond</c>.</summary>
    public double? PermitsPerSecond { get; set; }

    /// <summary>This key's own burst, instead of <c>Loyalty:RateLimits:ApiKey:Burst</c>.</summary>
    public int? Burst { get; set; }
}
