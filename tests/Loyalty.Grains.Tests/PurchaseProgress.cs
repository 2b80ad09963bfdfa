using System.Collections.Concurrent;
using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>
/// Tells a test when a member's purchase has been applied: the programme rules apply it in the call's first turn, so
/// once the grain method has yielded, the purchase is applied and waits for its write.
/// </summary>
public sealed class PurchaseProgress : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _applied = new(StringComparer.Ordinal);

    public Task Applied(string transactionId) => Of(transactionId).Task;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        if (context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is Purchase purchase)
            Of(purchase.TransactionId).TrySetResult();
        await call;
    }

    private TaskCompletionSource Of(string transactionId) =>
        _applied.GetOrAdd(transactionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
