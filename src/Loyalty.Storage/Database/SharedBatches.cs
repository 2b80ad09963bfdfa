namespace Loyalty.Storage.Database;

/// <summary>
/// Runs items in shared batches: while one batch is under way, the items that arrive wait together for the next, so a
/// node under load pays one round trip and one commit for many items instead of one each. <c>take</c> moves the next
/// batch's items out of the waiting list (called under the lock, with at least one item waiting; it must take at least
/// one); <c>run</c> runs a batch and completes its items; when it throws, <c>fail</c> fails each item of the batch.
/// </summary>
internal sealed class SharedBatches<T>(Func<List<T>, List<T>> take, Func<List<T>, Task> run, Action<T, Exception> fail)
{
    private readonly Lock _lock = new();
    private readonly List<T> _waiting = [];
    private bool _running;

    public void Add(T item)
    {
        bool start;
        lock (_lock)
        {
            _waiting.Add(item);
            start = !_running;
            _running = true;
        }
        if (start)
            _ = Task.Run(DrainAsync);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<T> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }
                batch = take(_waiting);
            }
            try
            {
                await run(batch);
            }
            catch (Exception ex)
            {
                foreach (var item in batch)
                    fail(item, ex);
            }
        }
    }
}
