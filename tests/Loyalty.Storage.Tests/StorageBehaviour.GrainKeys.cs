using System.Data;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.GrainState;
using Loyalty.Storage.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Loyalty.Storage.Tests;

/// <summary>Member ids that read as numbers or GUIDs ("10", "010", "abc", "ABC") each keep a state of their own.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    /// <summary>Eight hexadecimal digits, letters among them, new each run.</summary>
    private static string NewHexId() => "ab" + Guid.NewGuid().ToString("N")[..6];

    private static MemberState Enrolled(string name, long lastSequence) =>
        new() { Enrolled = true, Profile = new MemberProfile(name, null, null), LastSequence = lastSequence };

    [Fact]
    public async Task Member_ids_that_read_as_one_number_or_one_guid_keep_states_of_their_own()
    {
        var storage = Fixture.GrainStorage;
        var hex = NewHexId();
        var guid = Guid.NewGuid().ToString("N");
        string[] ids = [hex, "0" + hex, hex.ToUpperInvariant(), guid, guid.ToUpperInvariant(), "M-" + hex];
        foreach (var id in ids)
            await storage.WriteStateAsync(MemberStateReader.StateName, GrainId.Create("member", id), new GrainState<MemberState>(Enrolled("Name of " + id, 1)));

        foreach (var id in ids)
        {
            var read = new GrainState<MemberState>();
            await storage.ReadStateAsync(MemberStateReader.StateName, GrainId.Create("member", id), read);
            Assert.True(read.RecordExists, id);
            Assert.Equal("Name of " + id, read.State!.Profile!.Name);
        }

        // Stored under the id itself, behind '+' when it reads as a number or GUID; the reader gives the ids back.
        Assert.NotEmpty(await ReadPayloadAsync(Fixture.Internals, MemberStateReader.StateName, "+" + hex));
        Assert.NotEmpty(await ReadPayloadAsync(Fixture.Internals, MemberStateReader.StateName, "M-" + hex));
        var serviceId = Fixture.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var listed = new List<StoredMemberState>();
        for (string? after = null; ;)
        {
            var page = await new MemberStateReader(Fixture.Internals).ReadAsync(serviceId, after, limit: 500);
            listed.AddRange(page.Where(s => ids.Contains(s.MemberId)));
            if (page.Count < 500)
                break;
            after = page[^1].StoredKey;
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(s => s.MemberId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_members_state_stored_under_its_number_by_an_earlier_version_is_taken_over_by_that_member_only()
    {
        var storage = Fixture.GrainStorage;
        var hex = NewHexId();
        var number = Convert.ToInt64(hex, 16);
        await Fixture.Ledger.AppendAsync(hex, [new LedgerEntry(1, LedgerKinds.Enrolled, DateTimeOffset.UnixEpoch, null, null, 0, 0, null, "Enrolled", null)]);
        await WriteOldRowAsync(number, Enrolled("Old row", lastSequence: 1));

        // Another spelling of the same number has no entries of its own: it is not given the old row.
        var other = new GrainState<MemberState>();
        await storage.ReadStateAsync(MemberStateReader.StateName, GrainId.Create("member", hex.ToUpperInvariant()), other);
        Assert.False(other.RecordExists);

        var read = new GrainState<MemberState>();
        var id = GrainId.Create("member", hex);
        await storage.ReadStateAsync(MemberStateReader.StateName, id, read);
        Assert.Equal((true, "Old row"), (read.RecordExists, read.State!.Profile!.Name));

        read.State.LastSequence = 2;
        await storage.WriteStateAsync(MemberStateReader.StateName, id, read);
        Assert.Null(await ReadOldPayloadAsync(number)); // the old row cleared: an erasure of the member reaches every copy
        var again = new GrainState<MemberState>();
        await storage.ReadStateAsync(MemberStateReader.StateName, id, again);
        Assert.Equal((true, "Old row", 2L, read.ETag), (again.RecordExists, again.State!.Profile!.Name, again.State.LastSequence, again.ETag));
    }

    /// <summary>A row as the Orleans ADO.NET storage wrote a member id that reads as a number: no key, the number in n1.</summary>
    private async Task WriteOldRowAsync(long number, MemberState state)
    {
        var serviceId = Fixture.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var payload = Fixture.Services.GetRequiredService<Serializer>().SerializeToArray(state);
        var database = Fixture.Internals;
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = database.CreateCommand(connection,
            "INSERT INTO loyalty_grain_state (service_id, state_name, grain_key, grain_id_n0, grain_id_n1, payload, version) " +
            "VALUES (@service, @state, '', 0, @number, @payload, 3)");
        LoyaltyDatabase.AddParameter(command, "service", serviceId, DbType.String);
        LoyaltyDatabase.AddParameter(command, "state", MemberStateReader.StateName, DbType.String);
        LoyaltyDatabase.AddParameter(command, "number", number, DbType.Int64);
        LoyaltyDatabase.AddParameter(command, "payload", payload, DbType.Binary);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<byte[]?> ReadOldPayloadAsync(long number)
    {
        var database = Fixture.Internals;
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = database.CreateCommand(connection,
            "SELECT payload FROM loyalty_grain_state WHERE state_name = @state AND grain_key = '' AND grain_id_n0 = 0 AND grain_id_n1 = @number");
        LoyaltyDatabase.AddParameter(command, "state", MemberStateReader.StateName, DbType.String);
        LoyaltyDatabase.AddParameter(command, "number", number, DbType.Int64);
        return await command.ExecuteScalarAsync() as byte[];
    }
}
