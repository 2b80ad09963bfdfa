using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Loyalty.Server.Apis;
using Loyalty.Server.Auth;
using Loyalty.Server.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Loyalty.Server.Hubs;

/// <summary>
/// Live updates of members' accounts, at <c>/hubs/loyalty</c>. A member's token may watch only that member; a till
/// key may watch any enrolled member (the customer at its counter), and so may a support key (the member on the line). <c>Watch</c> answers with the account, from
/// which the events continue.
/// </summary>
[Authorize(Policy = Policies.Watcher)]
public sealed partial class LoyaltyHub(MemberWatchers watchers, ILogger<LoyaltyHub> logger) : Hub<ILoyaltyClient>
{
    /// <summary>How many members one connection may watch at once.</summary>
    public const int MaxWatchesPerConnection = 50;

    public static string Group(string memberId) => "member:" + memberId;

    public async Task<AccountView> Watch(string memberId)
    {
        if (string.IsNullOrEmpty(memberId) || !Rules.MemberId().IsMatch(memberId))
            throw new HubException("'memberId' must be 1 to 64 letters, digits, '-' or '_'.");
        if (!Context.User!.MayWatch(memberId))
            throw new HubException("A member may watch only their own account.");
        using var scope = logger.BeginScope(new MemberLogScope(memberId, null));
        var watching = Watching();
        if (!watching.Contains(memberId) && watching.Count >= MaxWatchesPerConnection)
            throw new HubException($"A connection may watch at most {MaxWatchesPerConnection} members.");

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(memberId));
        var account = await watchers.WatchAsync(Context.ConnectionId, memberId);
        if (account is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(memberId));
            throw new HubException($"Member '{memberId}' is not enrolled.");
        }
        watching.Add(memberId);
        LogWatching(logger, Context.ConnectionId, account.LedgerSequence);
        return account.For(Context.User!);
    }

    public async Task Unwatch(string memberId)
    {
        if (string.IsNullOrEmpty(memberId) || !Watching().Remove(memberId))
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(memberId));
        await watchers.UnwatchAsync(Context.ConnectionId, memberId);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => watchers.RemoveWatcherAsync(Context.ConnectionId);

    private HashSet<string> Watching()
    {
        if (Context.Items.TryGetValue(nameof(Watching), out var value) && value is HashSet<string> set)
            return set;
        set = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[nameof(Watching)] = set;
        return set;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} watches from sequence {Sequence}")]
    private static partial void LogWatching(ILogger logger, string connectionId, long sequence);
}
