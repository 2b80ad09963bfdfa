using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// Keeps this node's catalogue fresh while the silo is active: every <see cref="PromotionCatalogueCache.RefreshInterval"/>
/// it takes in the catalogue's changes and has new running promotions announced.
/// </summary>
public sealed partial class PromotionCatalogueRefresher(
    PromotionCatalogueCache cache,
    PromotionAnnouncer announcer,
    ILogger<PromotionCatalogueRefresher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PromotionCatalogueRefresher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>How long the node's start waits for its first catalogue, so that its first purchases see the promotions.</summary>
    public static readonly TimeSpan FirstLoadWait = TimeSpan.FromSeconds(5);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.RefreshAsync(cancellationToken).WaitAsync(FirstLoadWait, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFirstLoadFailed(logger, ex); // the loop keeps trying
        }
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(PromotionCatalogueCache.RefreshInterval);
        var failures = 0;
        do
        {
            try
            {
                var snapshot = await cache.RefreshAsync(stopping);
                await announcer.AnnounceAsync(snapshot, stopping);
                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (failures++ % 40 == 0) // about every ten seconds while it keeps failing
                    LogRefreshFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The promotion catalogue could not be loaded while the node started; it keeps trying")]
    private static partial void LogFirstLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the promotion catalogue failed; the node keeps the catalogue it has and retries")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
