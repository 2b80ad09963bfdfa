using Loyalty.Storage.Liability;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Liability;

/// <summary>
/// While the silo is active: every <see cref="Period"/>, counts the members with liability changes not yet counted
/// (<see cref="LiabilityProjector"/>), batch after batch until a batch comes back short. Every node runs one: the
/// projector counts each change once even when nodes run it side by side, and a node lost takes nothing with it.
/// </summary>
public sealed partial class LiabilityProjectorLoop(LiabilityProjector projector, ILogger<LiabilityProjectorLoop> logger) : NodeLoop
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private int _failures;

    protected override async Task RunOnceAsync(CancellationToken stopping)
    {
        string? after = null;
        LiabilityStep step;
        do
        {
            step = await projector.ProjectAsync(after, LiabilityProjector.DefaultBatchSize, stopping);
            after = step.After;
        }
        while (step.Read == LiabilityProjector.DefaultBatchSize && !stopping.IsCancellationRequested);
        _failures = 0;
    }

    protected override void OnFailed(Exception exception)
    {
        if (_failures++ % 60 == 0) // about once a minute while it keeps failing
            LogFailed(logger, exception);
    }

    protected override Task PauseAsync(CancellationToken stopping) => Task.Delay(Period, stopping);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the points liability failed; the members stay due and are tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
