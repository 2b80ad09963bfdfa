namespace Loyalty.Storage.Tests.Grains;

public sealed class StorageProbeGrain(
    [PersistentState(StorageProbeGrain.StateName, LoyaltyStorageNames.GrainStorage)] IPersistentState<ProbeState> state)
    : Grain, IStorageProbeGrain
{
    public const string StateName = "test-state";

    private readonly Guid _activation = Guid.NewGuid();

    public Task<ProbeSnapshot> Read() => Task.FromResult(Snapshot());

    public async Task<ProbeSnapshot> Write(string value, decimal amount)
    {
        state.State.Value = value;
        state.State.Amount = amount;
        state.State.Writes++;
        state.State.History.Add(value);
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private ProbeSnapshot Snapshot() =>
        new(_activation, state.RecordExists, state.Etag, state.State.Value, state.State.Amount, state.State.Writes);
}
