namespace Loyalty.Grains;

/// <summary>
/// Work that every node repeats while its silo is active (a scheduler, a projector, a refresher): a pass, then a pause,
/// until the silo stops. A pass that fails is reported to <see cref="OnFailed"/>, and the next pass tries again.
/// </summary>
public abstract class NodeLoop : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>One pass of the work.</summary>
    protected abstract Task RunOnceAsync(CancellationToken stopping);

    /// <summary>A pass failed (not because the silo is stopping).</summary>
    protected abstract void OnFailed(Exception exception);

    /// <summary>The pause after each pass; cancelled when the silo stops.</summary>
    protected abstract Task PauseAsync(CancellationToken stopping);

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
                await RunOnceAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                OnFailed(ex);
            }
            await PauseAsync(stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
