using System.Collections.Concurrent;
using Loyalty.Grains.Watching;

namespace Loyalty.Grains.Tests;

/// <summary>A node's event sink that keeps what it was given, per member, in order.</summary>
public sealed class RecordingEventSink : IMemberEventSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<MemberEvent>> _events = new();

    public IReadOnlyList<MemberEvent> For(string memberId) =>
        _events.TryGetValue(memberId, out var queue) ? queue.ToArray() : [];

    public Task SendAsync(string memberId, MemberEvent memberEvent, CancellationToken cancellationToken)
    {
        _events.GetOrAdd(memberId, _ => new ConcurrentQueue<MemberEvent>()).Enqueue(memberEvent);
        return Task.CompletedTask;
    }
}
