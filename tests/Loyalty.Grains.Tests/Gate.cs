namespace Loyalty.Grains.Tests;

/// <summary>Where a storage call a test holds waits until <see cref="Open"/>; <see cref="Reached"/> completes when the first one arrives.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Task Reached => _reached.Task;
    public void Open() => _open.TrySetResult();

    internal Task PassAsync()
    {
        _reached.TrySetResult();
        return _open.Task;
    }
}
