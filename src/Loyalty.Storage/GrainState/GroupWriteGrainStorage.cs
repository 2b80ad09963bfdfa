using System.Globalization;
using System.Runtime.InteropServices;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loyalty.Storage.GrainState;

/// <summary>
/// A grain's update of its stored state (it has a version) joins the next shared batch of
/// <see cref="StateGroupWrite"/>; the first write of a state, reads and clears go to the Orleans ADO.NET storage. The
/// row, the payload (the same serializer) and the version are the ones that storage reads and writes, so the two serve
/// the same rows. Grain ids reach it as stored (<see cref="StoredGrainKeys.Stored"/>): never read as a number or GUID,
/// so the row's key is the grain key itself.
/// </summary>
internal sealed class GroupWriteGrainStorage(IGrainStorage inner, StateGroupWrite group, IGrainStorageSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!int.TryParse(grainState.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var payload = Bytes(serializer.Serialize(grainState.State));
        var stored = await group.UpdateAsync(stateName, grainId.Key.ToString()!, version, payload);
        if (stored is not { } newVersion)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): State={stateName} GrainId={grainId} ETag={grainState.ETag}.", grainState.ETag, (string?)null);
        }
        grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>The serialized state's array itself when the data is a whole array (the serializer's), else a copy.</summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
