using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Tests.Grains;
using Orleans.Storage;

namespace Loyalty.Storage.Tests;

public abstract partial class StorageBehaviour<TFixture>
{
    private static GrainId NewProbeId() => GrainId.Create("storage-probe", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Grain_state_survives_deactivation()
    {
        var grain = Fixture.Grains.GetGrain<IStorageProbeGrain>($"probe-{Guid.NewGuid():N}");
        var fresh = await grain.Read();
        Assert.False(fresh.RecordExists);
        Assert.Null(fresh.ETag);

        var written = await grain.Write("first ☕", 12.34m);
        await grain.Deactivate();
        var reread = await grain.Read();
        Assert.NotEqual(written.Activation, reread.Activation);
        Assert.True(reread.RecordExists);
        Assert.Equal(("first ☕", 12.34m, 1, written.ETag), (reread.Value, reread.Amount, reread.Writes, reread.ETag));

        var second = await grain.Write("second", -6.40m);
        Assert.NotEqual(written.ETag, second.ETag);
        await grain.Deactivate();
        var last = await grain.Read();
        Assert.NotEqual(reread.Activation, last.Activation);
        Assert.Equal(("second", -6.40m, 2, second.ETag), (last.Value, last.Amount, last.Writes, last.ETag));
    }

    [Fact]
    public async Task Grain_storage_refuses_a_write_with_a_stale_etag()
    {
        var storage = Fixture.GrainStorage;
        var id = NewProbeId();

        var first = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(StorageProbeGrain.StateName, id, first);
        var staleETag = first.ETag;
        Assert.NotNull(staleETag);

        var second = new GrainState<ProbeState>(new ProbeState { Value = "two" }, staleETag);
        await storage.WriteStateAsync(StorageProbeGrain.StateName, id, second);
        Assert.NotEqual(staleETag, second.ETag);

        var stale = new GrainState<ProbeState>(new ProbeState { Value = "stale" }, staleETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageProbeGrain.StateName, id, stale));
        var again = new GrainState<ProbeState>(new ProbeState { Value = "stale again" }, staleETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageProbeGrain.StateName, id, again));
        var blind = new GrainState<ProbeState>(new ProbeState { Value = "blind first write" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageProbeGrain.StateName, id, blind));

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StorageProbeGrain.StateName, id, read);
        Assert.Equal(("two", second.ETag, true), (read.State!.Value, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Grain_storage_refuses_to_bring_back_a_row_that_is_gone()
    {
        var storage = Fixture.GrainStorage;
        var ghost = new GrainState<ProbeState>(new ProbeState { Value = "ghost" }, "7");
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StorageProbeGrain.StateName, NewProbeId(), ghost));
    }

    [Fact]
    public async Task Grain_storage_clear_keeps_the_version_counting()
    {
        var storage = Fixture.GrainStorage;
        var id = NewProbeId();
        var state = new GrainState<ProbeState>(new ProbeState { Value = "to clear" });
        await storage.WriteStateAsync(StorageProbeGrain.StateName, id, state);
        var beforeClear = state.ETag;

        await storage.ClearStateAsync(StorageProbeGrain.StateName, id, state);
        Assert.False(state.RecordExists);
        Assert.NotEqual(beforeClear, state.ETag);

        var stale = new GrainState<ProbeState>(new ProbeState(), beforeClear) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StorageProbeGrain.StateName, id, stale));

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StorageProbeGrain.StateName, id, read);
        Assert.Null(read.State!.Value);
        Assert.Equal(state.ETag, read.ETag);

        read.State!.Value = "after clear";
        await storage.WriteStateAsync(StorageProbeGrain.StateName, id, read);
        var reread = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StorageProbeGrain.StateName, id, reread);
        Assert.Equal(("after clear", read.ETag), (reread.State!.Value, reread.ETag));
    }

    [Fact]
    public async Task Grain_storage_keeps_member_state_in_orleans_binary_form()
    {
        var storage = Fixture.GrainStorage;
        var memberKey = $"M-{Guid.NewGuid():N}";
        var id = GrainId.Create("member", memberKey);
        var member = new MemberState
        {
            Enrolled = true,
            Tier = "Silver",
            Lots = [new PointLot { ExpiresOn = new DateOnly(2027, 11, 20), Points = 1240 }],
            DailySpend = { [new DateOnly(2026, 11, 20)] = 812.40m },
            Stamps = { ["coffee"] = 4 },
            LastSequence = 3,
            Outbox = [new LedgerEntry(3, LedgerKinds.Purchase, DateTimeOffset.UnixEpoch, "T-1", "S-01", 6, 1240, 6.40m, "Purchase", "{}")],
        };
        await storage.WriteStateAsync("member-test", id, new GrainState<MemberState>(member));

        var read = new GrainState<MemberState>();
        await storage.ReadStateAsync("member-test", id, read);
        Assert.Equal((true, "Silver", 1240L, 4, 812.40m), (read.State!.Enrolled, read.State.Tier, read.State.Balance,
            read.State.Stamps["coffee"], read.State.DailySpend[new DateOnly(2026, 11, 20)]));
        Assert.Equal(member.Outbox, read.State.Outbox);

        var payload = await ReadPayloadAsync(Fixture.Internals, "member-test", memberKey);
        Assert.NotEmpty(payload);
        Assert.NotEqual((byte)'{', payload[0]);
    }

    private static async Task<byte[]> ReadPayloadAsync(LoyaltyDatabase database, string stateName, string grainKey)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = database.CreateCommand(connection,
            "SELECT payload FROM loyalty_grain_state WHERE state_name = @state AND grain_key = @key");
        LoyaltyDatabase.AddParameter(command, "state", stateName, System.Data.DbType.String);
        LoyaltyDatabase.AddParameter(command, "key", grainKey, System.Data.DbType.String);
        return (byte[])(await command.ExecuteScalarAsync())!;
    }
}
