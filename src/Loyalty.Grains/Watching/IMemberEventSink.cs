namespace Loyalty.Grains.Watching;

/// <summary>Where a node sends the events of a member to the watchers connected to it (the SignalR hub, in the host).</summary>
public interface IMemberEventSink
{
    Task SendAsync(string memberId, MemberEvent memberEvent, CancellationToken cancellationToken);
}
