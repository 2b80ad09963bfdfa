using Loyalty.Storage.Tests.Grains;
using Orleans.Storage;

namespace Loyalty.Storage.Tests;

/// <summary>State updates of many grains at once (on PostgreSQL they share statements): each is checked on its own.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    [Fact]
    public async Task Updates_of_many_grains_at_once_each_store_their_own_state_and_a_stale_one_fails_alone()
    {
        var storage = Fixture.GrainStorage;
        var ids = Enumerable.Range(0, 60).Select(i => GrainId.Create("storage-probe", $"group-{Guid.NewGuid():N}-{i}")).ToArray();
        var states = ids.Select(_ => new GrainState<ProbeState>(new ProbeState { Value = "first" })).ToArray();
        await Task.WhenAll(ids.Select((id, i) => storage.WriteStateAsync(StorageProbeGrain.StateName, id, states[i])));
        var firstETags = states.Select(s => s.ETag).ToArray();

        // Every grain's update at once, and a stale update of the first grain among them: it fails, the others store.
        var stale = new GrainState<ProbeState>(new ProbeState { Value = "stale" }, "999");
        var updates = ids.Select((id, i) =>
        {
            states[i].State!.Value = $"second {i}";
            return storage.WriteStateAsync(StorageProbeGrain.StateName, id, states[i]);
        }).ToList();
        var staleWrite = storage.WriteStateAsync(StorageProbeGrain.StateName, ids[1], stale);
        await Task.WhenAll(updates);
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.NotEqual(firstETags[i], states[i].ETag);
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync(StorageProbeGrain.StateName, ids[i], read);
            Assert.Equal(($"second {i}", states[i].ETag, true), (read.State!.Value, read.ETag, read.RecordExists));
        }

        // A later update of one of them, on its new version, stores again.
        states[0].State!.Value = "third";
        await storage.WriteStateAsync(StorageProbeGrain.StateName, ids[0], states[0]);
        var last = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StorageProbeGrain.StateName, ids[0], last);
        Assert.Equal("third", last.State!.Value);
    }
}
