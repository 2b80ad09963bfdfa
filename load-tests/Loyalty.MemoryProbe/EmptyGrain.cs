namespace Loyalty.MemoryProbe;

/// <summary>
/// What any activation costs on the silo (Orleans' own bookkeeping, the grain object, its key), so that what a member
/// grain costs beyond it is what the engine's own code keeps.
/// </summary>
public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task Touch() => Task.CompletedTask;
}
