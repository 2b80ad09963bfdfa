using System.Collections.Concurrent;
using Loyalty.Domain;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loyalty.Storage.GrainState;

/// <summary>
/// The grain storage as the grains see it: each state under its own key (<see cref="StoredGrainKeys"/>). A state stored
/// by an earlier version under a key read as a number or GUID is found there when its own row does not exist yet, taken
/// over by the first write, and its old row then cleared (it may hold personal data an erasure must reach). A member's
/// old row is taken over only when it is that member's: the ledger's newest entry of the member id is one the state has
/// made (a member id spelled like another's number, "ABC" beside "abc", finds no entries of its own and starts afresh).
/// </summary>
internal sealed partial class KeyedGrainStorage(IGrainStorage inner, ILedgerStore ledger, ILogger<KeyedGrainStorage> logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The grains whose state was read from an old row, and that row's version, until their first write.</summary>
    private readonly ConcurrentDictionary<GrainId, string?> _takingOver = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ReadStateAsync(stateName, StoredGrainKeys.Stored(grainId), grainState);
        if (grainState.RecordExists || !StoredGrainKeys.IsAmbiguous(grainId))
            return;
        var old = new GrainState<T>();
        await inner.ReadStateAsync(stateName, grainId, old);
        if (!old.RecordExists || !await IsOwnAsync(grainId, old.State))
            return;
        grainState.State = old.State;
        grainState.ETag = null; // the first write creates the state's own row
        grainState.RecordExists = true;
        _takingOver[grainId] = old.ETag;
        LogTakingOver(logger, stateName, grainId.ToString());
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, StoredGrainKeys.Stored(grainId), grainState);
        await ClearOldRowAsync<T>(stateName, grainId);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, StoredGrainKeys.Stored(grainId), grainState);
        await ClearOldRowAsync<T>(stateName, grainId);
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task ClearOldRowAsync<T>(string stateName, GrainId grainId)
    {
        if (!_takingOver.TryRemove(grainId, out var version))
            return;
        try
        {
            await inner.ClearStateAsync(stateName, grainId, new GrainState<T> { ETag = version, RecordExists = true });
        }
        catch (Exception ex)
        {
            // The state has its own row now; the old one is left as it was (another member's read of it cleared it first).
            LogOldRowNotCleared(logger, ex, stateName, grainId.ToString());
        }
    }

    /// <summary>Whether an old row's state is the member's own: its newest ledger entry is one the state made.</summary>
    private async Task<bool> IsOwnAsync<T>(GrainId grainId, T state)
    {
        if (state is not MemberState member)
            return true; // promotion budgets and catalogues: keys the engine made, never two spellings of one number
        var newest = await ledger.ReadAsync(grainId.Key.ToString(), before: null, limit: 1);
        if (newest.Count == 0)
            return false;
        var copiedUpTo = member.Outbox.Count > 0 ? member.Outbox[0].Sequence - 1 : member.LastSequence;
        return newest[0].Sequence >= copiedUpTo && newest[0].Sequence <= member.LastSequence;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {StateName} state of {GrainId} was read from its row of an earlier version; its first write moves it to a row of its own")]
    private static partial void LogTakingOver(ILogger logger, string stateName, string grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The earlier row of the {StateName} state of {GrainId} was not cleared")]
    private static partial void LogOldRowNotCleared(ILogger logger, Exception exception, string stateName, string grainId);
}
