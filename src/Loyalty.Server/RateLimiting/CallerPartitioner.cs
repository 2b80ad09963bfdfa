using System.Security.Claims;
using Loyalty.Server.Tills;
using System.Threading.RateLimiting;
using Loyalty.Server.Auth;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.RateLimiting;

/// <summary>
/// Who a request counts against: its API key (by the key's name, never the key itself), its member (the token's
/// <c>sub</c>), or else its remote address. Only the API and the hub are limited.
/// </summary>
public sealed class CallerPartitioner
{
    private static readonly Caller Unlimited = new(CallerKind.Unlimited, "");

    private readonly RateLimitOptions _limits;
    private readonly Dictionary<string, RateLimit> _keyLimits;

    public CallerPartitioner(IOptions<RateLimitOptions> limits, IOptions<ApiKeyOptions> keys)
    {
        _limits = limits.Value;
        _keyLimits = new Dictionary<string, RateLimit>(StringComparer.Ordinal);
        foreach (var key in keys.Value.ApiKeys.Where(k => k.PermitsPerSecond is not null || k.Burst is not null))
            _keyLimits.TryAdd(key.Name, new RateLimit(key.PermitsPerSecond ?? _limits.ApiKey.PermitsPerSecond, key.Burst ?? _limits.ApiKey.Burst));
    }

    public RateLimitPartition<Caller> Partition(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments(AuthSetup.HubPathPrefix))
            return RateLimitPartition.GetNoLimiter(Unlimited);

        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName } && user.TillIdOf() is { } till)
            return Bucket(new Caller(CallerKind.EnrolledTill, till), _limits.ApiKey); // each enrolled till its own bucket
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName, Name: { } name })
            return Bucket(new Caller(CallerKind.ApiKey, name), _keyLimits.GetValueOrDefault(name, _limits.ApiKey));
        if (user.IsMember() && user.FindFirstValue(MemberAccess.SubjectClaim) is { } member)
            return Bucket(new Caller(CallerKind.Member, member), _limits.MemberToken);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        return Bucket(new Caller(CallerKind.Anonymous, address), _limits.Anonymous);
    }

    private static RateLimitPartition<Caller> Bucket(Caller caller, RateLimit limit) =>
        RateLimitPartition.GetTokenBucketLimiter(caller, _ => limit.ToTokenBucket());
}

public enum CallerKind
{
    Unlimited,
    ApiKey,
    Member,
    Anonymous,
    EnrolledTill,
}

/// <summary>A rate limit partition: one kind of caller and its identity.</summary>
public readonly record struct Caller(CallerKind Kind, string Id);
