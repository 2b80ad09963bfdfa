namespace Loyalty.MemoryProbe;

/// <summary>The yardstick: a grain with a string key like a member's, one no-op method and no state.</summary>
[Alias("loyalty.probe.empty")]
public interface IEmptyGrain : IGrainWithStringKey
{
    [Alias("touch")]
    Task Touch();
}
