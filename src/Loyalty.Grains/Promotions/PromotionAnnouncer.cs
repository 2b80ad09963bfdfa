using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// Tells the members watched on this node about promotions that start running: when the node's catalogue shows a
/// promotion running that it has not seen running before (at its creation when it starts at once, else when its
/// window opens), each member watched here is asked whether it is open to them, and those it is open to get it.
/// Every node does this for its own watchers only, so a watcher hears of a promotion once. Promotions already
/// running when the node started are not announced again: a member app reads the member's promotions instead.
/// </summary>
public sealed partial class PromotionAnnouncer(
    IGrainFactory grains,
    IServiceProvider services,
    IPromotionAnnouncementSink sink,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<PromotionAnnouncer> logger)
{
    /// <summary>How many watched members are asked at once.</summary>
    public const int Parallelism = 16;

    private HashSet<string>? _announced; // null until the node's first catalogue

    public async Task AnnounceAsync(PromotionCatalogueSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Version < 0)
            return;
        var now = time.GetUtcNow();
        var running = snapshot.Promotions.Where(p => p.RunsAt(now)).ToArray();
        if (_announced is null)
        {
            _announced = new HashSet<string>(running.Select(p => p.Id), StringComparer.Ordinal);
            return;
        }
        var starting = running.Where(p => _announced.Add(p.Id)).ToArray();
        if (starting.Length == 0 || services.GetService<MemberWatchers>() is not { } watchers)
            return;
        var members = watchers.Members;
        LogAnnouncing(logger, string.Join(", ", starting.Select(p => p.Id)), members.Count);
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            (memberId, ct) => new ValueTask(AnnounceToAsync(memberId, starting, ct)));
    }

    private async Task AnnounceToAsync(string memberId, IReadOnlyList<PromotionDefinition> starting, CancellationToken cancellationToken)
    {
        try
        {
            var open = await grains.GetGrain<IMemberMarketingGrain>(memberId).OpenAmong(starting);
            foreach (var promotion in open)
                await sink.AnnounceAsync(memberId, promotion, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAnnounceFailed(logger, ex, memberId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcing promotion(s) {PromotionIds} to the {Count} member(s) watched here, as far as they are open to them")]
    private static partial void LogAnnouncing(ILogger logger, string promotionIds, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing promotions to member {MemberId} failed")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string memberId);
}
