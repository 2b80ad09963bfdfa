using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Microsoft.AspNetCore.SignalR;

namespace Loyalty.Server.Hubs;

/// <summary>Sends a member's events to this node's connections that watch the member.</summary>
public sealed class SignalRMemberEventSink(IHubContext<LoyaltyHub, ILoyaltyClient> hub) : IMemberEventSink
{
    public Task SendAsync(string memberId, MemberEvent e, CancellationToken cancellationToken)
    {
        var group = hub.Clients.Group(LoyaltyHub.Group(memberId));
        return e.Kind switch
        {
            LedgerKinds.RewardIssued when e.Reward is { } reward => group.RewardIssued(new RewardIssued(memberId, e.Sequence, reward, e.At)),
            LedgerKinds.TierChanged => group.TierChanged(new TierChanged(memberId, e.Sequence, e.TierFrom ?? "", e.Tier, e.At)),
            _ => group.BalanceChanged(new BalanceChanged(memberId, e.Sequence, e.Balance, e.Delta, e.Kind, e.TransactionId, e.Tier, e.At, e.MergedInto)),
        };
    }
}
