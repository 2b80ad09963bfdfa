using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.RateLimiting;

/// <summary>
/// Limits the hub method calls of each connection (<see cref="RateLimitOptions.HubCalls"/>): a call over the limit
/// fails with a <see cref="HubException"/> and is not run; the connection stays open. Opening connections is limited
/// with the HTTP calls of the same credentials.
/// </summary>
public sealed class HubCallLimitFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public HubCallLimitFilter(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.HubCalls;
        _limiter = PartitionedRateLimiter.Create<string, string>(
            connectionId => RateLimitPartition.GetTokenBucketLimiter(connectionId, _ => limit.ToTokenBucket()), StringComparer.Ordinal);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using (var lease = _limiter.AttemptAcquire(invocationContext.Context.ConnectionId))
        {
            if (!lease.IsAcquired)
                throw new HubException("Too many calls on this connection: slow down, then retry.");
        }
        return await next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();
}
