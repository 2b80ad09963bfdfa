using System.Collections.Concurrent;
using Loyalty.Domain;
using Loyalty.Grains.Promotions;

namespace Loyalty.Grains.Tests;

/// <summary>A node's announcement sink that keeps the promotions announced, per member.</summary>
public sealed class RecordingAnnouncementSink : IPromotionAnnouncementSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PromotionDefinition>> _announced = new();

    public IReadOnlyList<PromotionDefinition> For(string memberId) =>
        _announced.TryGetValue(memberId, out var queue) ? queue.ToArray() : [];

    public Task AnnounceAsync(string memberId, PromotionDefinition promotion, CancellationToken cancellationToken)
    {
        _announced.GetOrAdd(memberId, _ => new ConcurrentQueue<PromotionDefinition>()).Enqueue(promotion);
        return Task.CompletedTask;
    }
}
