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
    ILogger<InsightsSegmentsRefresher> logger) : NodeLoop
{
    protected override async Task RunOnceAsync(CancellationToken stopping)
    {
        await grains.InsightsProjectorGrain().Start();
        await segments.RefreshAsync(stopping);
    }

    protected override void OnFailed(Exception exception) => LogRefreshFailed(logger, exception);

    protected override Task PauseAsync(CancellationToken stopping) =>
        Task.Delay(TimeSpan.FromSeconds(options.Value.SegmentRefreshSeconds), stopping);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the member segments failed; the node keeps the segments it has and retries")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
