using Loyalty.Storage.Liability;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Liability;

/// <summary>
/// While the silo is active: every <see cref="Period"/>, counts the members with liability changes not yet counted
/// (<see cref="LiabilityProjector"/>), batch after batch until a batch comes back short. Every node runs one: the
/// projector counts each change once even when nodes run it side by side, and a node lost takes nothing with it.
/// </summary>
public sealed partial class LiabilityProjectorLoop(LiabilityProjector projector, ILogger<LiabilityProjectorLoop> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _failures;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LiabilityProjectorLoop), ServiceLifecycleStage.Active, StartAsync, StopAsync);

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
        while (!stopping.IsCancellationRequested)
        {
            try
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
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                if (_failures++ % 60 == 0) // about once a minute while it keeps failing
                    LogFailed(logger, ex);
            }
            await Task.Delay(Period, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the points liability failed; the members stay due and are tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
