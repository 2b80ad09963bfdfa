using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Watching;

/// <summary>
/// This node's watchers (SignalR connections, in the host) and its one subscription per watched member. The first
/// watcher of a member subscribes the node to the member grain; the last one to leave, or drop, unsubscribes it.
/// Subscriptions expire unless renewed (<see cref="RenewAsync"/>), so a node that vanished is forgotten by the grains.
/// </summary>
public sealed partial class MemberWatchers(IGrainFactory grains, IMemberEventSink sink, LoyaltyMetrics metrics, ILogger<MemberWatchers> logger)
{
    /// <summary>How long a member grain keeps a node's subscription without renewal.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>How often a node renews its subscriptions: well within their lifetime.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an event that arrived ahead of its predecessor waits for it. Notifications are one-way messages that a
    /// busy node may run out of order, a second or more apart under heavy load; a truly lost one is rare.
    /// </summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(5);

    /// <summary>How often waiting events are checked against <see cref="GapWait"/>.</summary>
    public static readonly TimeSpan GapCheckInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, MemberFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _watching = new(StringComparer.Ordinal);

    /// <summary>Members this node is subscribed to.</summary>
    public int WatchedMembers { get { lock (_gate) return _feeds.Count; } }

    /// <summary>The ids of the members this node is subscribed to.</summary>
    public IReadOnlyCollection<string> Members { get { lock (_gate) return [.. _feeds.Keys]; } }

    /// <summary>Watches a member for a watcher; returns the account the events continue from, or null if not enrolled.</summary>
    public async Task<AccountView?> WatchAsync(string watcherId, string memberId)
    {
        MemberFeed feed;
        bool created;
        lock (_gate)
        {
            created = !_feeds.TryGetValue(memberId, out feed!);
            if (created)
            {
                feed = new MemberFeed(memberId, sink, metrics, logger);
                feed.Subscription = SubscribeAsync(feed);
                _feeds[memberId] = feed;
            }
            feed.Watchers.Add(watcherId);
            if (!_watching.TryGetValue(watcherId, out var members))
                _watching[watcherId] = members = new HashSet<string>(StringComparer.Ordinal);
            members.Add(memberId);
        }
        AccountView? account;
        try
        {
            account = await feed.Subscription;
            if (account is not null && !created)
                account = await grains.GetGrain<IMemberGrain>(memberId).GetAccount();
        }
        catch
        {
            await UnwatchAsync(watcherId, memberId);
            throw;
        }
        if (account is null)
            await UnwatchAsync(watcherId, memberId);
        return account;
    }

    public async Task UnwatchAsync(string watcherId, string memberId)
    {
        MemberFeed? released = null;
        lock (_gate)
        {
            if (_watching.TryGetValue(watcherId, out var members) && members.Remove(memberId) && members.Count == 0)
                _watching.Remove(watcherId);
            if (_feeds.TryGetValue(memberId, out var feed) && feed.Watchers.Remove(watcherId) && feed.Watchers.Count == 0)
            {
                _feeds.Remove(memberId);
                released = feed;
            }
        }
        if (released is not null)
            await ReleaseAsync(released);
    }

    /// <summary>A watcher is gone (its connection dropped): everything it watched is unwatched.</summary>
    public async Task RemoveWatcherAsync(string watcherId)
    {
        string[] members;
        lock (_gate)
            members = _watching.TryGetValue(watcherId, out var set) ? [.. set] : [];
        foreach (var memberId in members)
            await UnwatchAsync(watcherId, memberId);
    }

    /// <summary>Renews every subscription of this node, and stops waiting for events that will not come.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        MemberFeed[] feeds;
        lock (_gate)
            feeds = [.. _feeds.Values];
        foreach (var feed in feeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await feed.SkipGapAsync(GapWait, DateTime.UtcNow.Ticks);
            if (feed.Reference is not { } reference)
                continue;
            try
            {
                if (await grains.GetGrain<IMemberGrain>(feed.MemberId).Watch(reference) is { } account)
                    await feed.CatchUpAsync(account, DateTimeOffset.UtcNow);
            }
            catch (Privacy.MemberErasedException)
            {
                // nothing to renew: the member was erased, and its watchers were told (a member-erased event)
            }
            catch (Exception ex)
            {
                LogRenewFailed(logger, ex, feed.MemberId);
            }
        }
    }

    /// <summary>Passes on events that waited longer than <see cref="GapWait"/> for a missing predecessor.</summary>
    public async Task SkipGapsAsync()
    {
        MemberFeed[] feeds;
        lock (_gate)
            feeds = [.. _feeds.Values];
        foreach (var feed in feeds)
            await feed.SkipGapAsync(GapWait, DateTime.UtcNow.Ticks);
    }

    private async Task<AccountView?> SubscribeAsync(MemberFeed feed)
    {
        feed.Reference = grains.CreateObjectReference<IMemberObserver>(feed);
        var account = await grains.GetGrain<IMemberGrain>(feed.MemberId).Watch(feed.Reference);
        if (account is not null)
            await feed.StartAtAsync(account.LedgerSequence);
        return account;
    }

    private async Task ReleaseAsync(MemberFeed feed)
    {
        if (feed.Reference is not { } reference)
            return;
        try
        {
            await feed.Subscription;
            await grains.GetGrain<IMemberGrain>(feed.MemberId).Unwatch(reference);
        }
        catch (Exception ex)
        {
            LogUnwatchFailed(logger, ex, feed.MemberId); // the subscription expires by itself
        }
        finally
        {
            grains.DeleteObjectReference<IMemberObserver>(reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to member {MemberId} failed; will retry")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string memberId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from member {MemberId} failed; the subscription will expire")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception, string memberId);
}
