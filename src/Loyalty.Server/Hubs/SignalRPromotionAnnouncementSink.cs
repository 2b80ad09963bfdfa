using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Loyalty.Server.Apis;
using Microsoft.AspNetCore.SignalR;

namespace Loyalty.Server.Hubs;

/// <summary>Sends a promotion's announcement to this node's connections that watch the member.</summary>
public sealed class SignalRPromotionAnnouncementSink(IHubContext<LoyaltyHub, ILoyaltyClient> hub) : IPromotionAnnouncementSink
{
    public Task AnnounceAsync(string memberId, PromotionDefinition promotion, CancellationToken cancellationToken) =>
        hub.Clients.Group(LoyaltyHub.Group(memberId)).PromotionAnnounced(new PromotionAnnounced(memberId, PromotionOffer.From(promotion)));
}
