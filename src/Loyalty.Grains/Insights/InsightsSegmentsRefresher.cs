using Loyalty.Domain.Insights;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Grains.Insights;

/// <summary>
/// While the silo is active: reloads this node's <see cref="InsightsSegments"/> every <c>SegmentRefreshSeconds</c>, and
/// makes sure the cluster's projector is running (activating it is enough; its timer does the rest).
/// </summary>
public sealed partial class InsightsSegmentsRefresher(
    InsightsSegments segments,
    IGrainFactory grains,
    IOptions<InsightsOptions> options,
    ILogger<InsightsSegmentsRefresher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(InsightsSegmentsRefresher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var period = TimeSpan.FromSeconds(options.Value.SegmentRefreshSeconds);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await grains.InsightsProjectorGrain().Start();
                await segments.RefreshAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }
            await Task.Delay(period, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the member segments failed; the node keeps the segments it has and retries")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
