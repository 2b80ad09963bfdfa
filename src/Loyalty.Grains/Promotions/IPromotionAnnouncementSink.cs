using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>Where a node sends a promotion's announcement to the watchers of a member connected to it (the SignalR hub, in the host).</summary>
public interface IPromotionAnnouncementSink
{
    Task AnnounceAsync(string memberId, PromotionDefinition promotion, CancellationToken cancellationToken);
}

/// <summary>For a node without watchers: announcements go nowhere.</summary>
public sealed class NoPromotionAnnouncements : IPromotionAnnouncementSink
{
    public Task AnnounceAsync(string memberId, PromotionDefinition promotion, CancellationToken cancellationToken) => Task.CompletedTask;
}
