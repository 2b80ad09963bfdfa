namespace Loyalty.Grains;

/// <summary>
/// Groups a grain's state writes: a change made while a write is under way goes into the next write, together with
/// every other change made meanwhile, so a member with many concurrent tills costs one storage write per round trip
/// instead of one per sale. Each caller awaits the write that carries its change. A failed write fails the changes
/// it carried and those waiting for the next one, which were made on top of them. Runs in the grain's turns only.
/// </summary>
internal sealed class WriteBatcher(Func<Task> write)
{
    private TaskCompletionSource? _current;
    private TaskCompletionSource? _next;

    /// <summary>Stores the changes made so far; completes when they are stored.</summary>
    public Task StoreAsync()
    {
        if (_current is not null)
            return (_next ??= NewCompletion()).Task;
        _current = NewCompletion();
        _ = RunAsync();
        return _current.Task;
    }

    /// <summary>Completes when every change made so far is stored (at once when none is waiting).</summary>
    public Task StoredAsync() => _next?.Task ?? _current?.Task ?? Task.CompletedTask;

    /// <summary>Fails the changes waiting for the next write, which is not made; the write under way goes on.</summary>
    public void Abandon(Exception reason)
    {
        var next = _next;
        _next = null;
        next?.TrySetException(reason);
    }

    /// <summary>Completes when the write under way, if any, has ended, stored or not.</summary>
    public Task SettledAsync() => _current is { } current ? Task.WhenAny(current.Task) : Task.CompletedTask;

    private async Task RunAsync()
    {
        while (_current is { } completion)
        {
            try
            {
                await write();
            }
            catch (Exception ex)
            {
                var next = _next;
                (_current, _next) = (null, null);
                completion.TrySetException(ex);
                next?.TrySetException(ex);
                return;
            }
            (_current, _next) = (_next, null);
            completion.TrySetResult();
        }
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
