using System.Collections.Concurrent;
using System.Security.Claims;
using Loyalty.Grains;
using Microsoft.AspNetCore.SignalR;

namespace Loyalty.Server.Tills;

/// <summary>
/// The hub connections of enrolled tills on this node, so that a revoked till (or an expired session) loses its open
/// connection too, not only its next request: after each refresh of <see cref="TillCredentialCache"/>,
/// <see cref="CloseEnded"/> closes the connections whose credential is no longer active.
/// </summary>
public sealed class TillHubConnections(TillCredentialCache cache, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock) : IHubFilter
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, string Digest)> _connections = new(StringComparer.Ordinal);

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.FindFirstValue(TillClaims.CredentialDigest) is { } digest)
            _connections[context.Context.ConnectionId] = (context.Context, digest);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Closes the connections of tills revoked (or sessions expired) since they connected; how many.</summary>
    public int CloseEnded()
    {
        var now = clock.GetUtcNow();
        var closed = 0;
        foreach (var (id, (context, digest)) in _connections)
        {
            if (cache.IsActive(digest, now) || !_connections.TryRemove(id, out _))
                continue;
            context.Abort();
            closed++;
        }
        return closed;
    }
}
