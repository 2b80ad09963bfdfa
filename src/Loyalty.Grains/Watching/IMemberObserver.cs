using Orleans.Concurrency;

namespace Loyalty.Grains.Watching;

/// <summary>A node's subscription to one member: it receives every stored change, once per node.</summary>
[Alias("loyalty.member-observer")]
public interface IMemberObserver : IGrainObserver
{
    /// <summary>One-way: a slow or vanished node never holds the member grain up.</summary>
    [OneWay, Alias("changed")]
    Task OnChanged(MemberEvents changes);
}
