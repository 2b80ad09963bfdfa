using System.Collections.Concurrent;
using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Load;

/// <summary>
/// What the tills of a <see cref="PurchaseLoad"/> did: each purchase they acknowledged (by member), how many needed more
/// than one attempt, the ones they gave up on or that were refused outright, and every call's outcome.
/// </summary>
internal sealed class PurchaseLoadResult
{
    public ConcurrentDictionary<string, ConcurrentBag<string>> AcknowledgedByMember { get; } = new(StringComparer.Ordinal);

    public OutcomeTally Outcomes { get; } = new();

    public OutcomeTimeline Timeline { get; } = new();

    public long Sent;
    public long Retried;
    public long GaveUp;
    public long Refused;
    public long Duplicates;

    public long Acknowledged => AcknowledgedByMember.Values.Sum(b => (long)b.Count);

    public IReadOnlyCollection<string> AcknowledgedFor(string memberId) =>
        AcknowledgedByMember.TryGetValue(memberId, out var ids) ? ids : [];

    public void Acknowledge(string memberId, string transactionId) =>
        AcknowledgedByMember.GetOrAdd(memberId, _ => []).Add(transactionId);
}
