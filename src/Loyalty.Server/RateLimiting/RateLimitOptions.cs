namespace Loyalty.Server.RateLimiting;

/// <summary>
/// How many calls each caller may make, per node, from <c>Loyalty:RateLimits</c>. A till or marketing key is one
/// caller (all the tills that share it together; a key's entry in <c>Loyalty:Auth:ApiKeys</c> may set its own
/// <c>PermitsPerSecond</c> and <c>Burst</c>); a member token is one caller per member; any other caller of the API is
/// one caller per remote address. Health checks, pages and the OpenAPI document are not limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Loyalty:RateLimits";

    /// <summary>Per API key: high, as one key may serve every till of a chain.</summary>
    public RateLimit ApiKey { get; set; } = new(2000, 4000);

    /// <summary>Per member (the token's <c>sub</c>): a person's app.</summary>
    public RateLimit MemberToken { get; set; } = new(10, 20);

    /// <summary>Per remote address, for calls of the API without valid credentials.</summary>
    public RateLimit Anonymous { get; set; } = new(10, 20);

    /// <summary>Per SignalR connection: its calls of hub methods (<c>Watch</c>, <c>Unwatch</c>).</summary>
    public RateLimit HubCalls { get; set; } = new(10, 20);
}
