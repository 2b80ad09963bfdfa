using Loyalty.Storage.Database;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loyalty.Storage.GrainState;

/// <summary>
/// The Orleans ADO.NET grain storage, with its writes passed through the database's write gate (SQLite: one writer
/// at a time in this process, waiting asynchronously rather than on the database lock). Reads go straight through.
/// </summary>
internal sealed class WriteGatedGrainStorage(IGrainStorage inner, LoyaltyDatabase database)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        database.WriteAsync(async () =>
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        database.WriteAsync(async () =>
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
            return true;
        });

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
