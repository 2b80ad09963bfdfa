using Loyalty.Domain;
using Loyalty.Storage.Privacy;
using Loyalty.Storage.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Loyalty.Storage.Tests;

/// <summary>What the exports read, on each database: pages that go on exactly where the last one ended.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    /// <summary>Far from the times the other tests write, so that the range holds this test's entries alone.</summary>
    private static readonly DateTimeOffset ExportsAt = new(2035, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_ledger_of_a_time_range_is_read_in_time_then_member_order_a_page_at_a_time()
    {
        var reader = new LedgerRangeReader(Fixture.Internals);
        var (a, b) = ("A-" + Guid.NewGuid().ToString("N")[..10], "B-" + Guid.NewGuid().ToString("N")[..10]);
        LedgerEntry At(long sequence, int minutes) => Entry(sequence) with { At = ExportsAt.AddMinutes(minutes) };
        await Fixture.Ledger.AppendAsync(a, [At(1, 0), At(2, 5), At(3, 5), At(4, 60 * 24)]);
        await Fixture.Ledger.AppendAsync(b, [At(1, 5), At(2, 7), At(3, -1)]);

        var read = new List<MemberLedgerEntry>();
        for (MemberLedgerEntry? after = null; ;)
        {
            var page = await reader.ReadAsync(ExportsAt, ExportsAt.AddDays(1), after, limit: 2);
            Assert.True(page.Count <= 2);
            read.AddRange(page);
            if (page.Count < 2)
                break;
            after = page[^1];
        }

        // The day's entries: not the one a minute before it, nor the one at the start of the next.
        Assert.Equal([(a, 1L), (a, 2L), (a, 3L), (b, 1L), (b, 2L)], read.Select(r => (r.MemberId, r.Entry.Sequence)));
        Assert.Equal(ExportsAt.AddMinutes(7), read[^1].Entry.At);
        Assert.Equal(Entry(1) with { At = ExportsAt }, read[0].Entry);
    }

    [Fact]
    public async Task Every_members_stored_state_is_read_in_member_id_order_a_page_at_a_time()
    {
        var reader = new MemberStateReader(Fixture.Internals);
        var serviceId = Fixture.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var prefix = "EXP-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var ids = Enumerable.Range(0, 5).Select(i => $"{prefix}{i}").ToArray();
        foreach (var id in ids.Reverse())
            await Fixture.GrainStorage.WriteStateAsync(MemberStateReader.StateName, GrainId.Create("member", id), new GrainState<MemberState>(
                new MemberState { Enrolled = true, Profile = new MemberProfile("Name of " + id, null, null), EnrolledAt = ExportsAt }));

        var read = new List<StoredMemberState>();
        for (var after = prefix; ;)
        {
            var page = await reader.ReadAsync(serviceId, after, limit: 2);
            read.AddRange(page.Where(s => s.MemberId.StartsWith(prefix, StringComparison.Ordinal)));
            if (page.Count < 2 || !page[^1].MemberId.StartsWith(prefix, StringComparison.Ordinal))
                break;
            after = page[^1].StoredKey;
        }

        Assert.Equal(ids, read.Select(s => s.MemberId));
        var serializer = Fixture.Services.GetRequiredService<Serializer>();
        Assert.All(read, s => Assert.Equal("Name of " + s.MemberId, serializer.Deserialize<MemberState>(s.Payload)!.Profile!.Name));
        Assert.Empty(await reader.ReadAsync("another-service", afterStoredKey: null, limit: 10));
    }

    [Fact]
    public async Task A_members_sign_ins_are_listed_with_whether_each_is_still_active()
    {
        var tokens = new RefreshTokenStore(Fixture.Internals);
        var member = NewMemberId();
        var (live, signedOut, spent, expired) = ("F1-" + member, "F2-" + member, "F3-" + member, "F4-" + member);
        foreach (var (family, minutes) in new[] { (live, 0), (signedOut, 1), (spent, 2), (expired, 3) })
        {
            await tokens.StartFamilyAsync(family, member, ExportsAt.AddMinutes(minutes));
            await tokens.AddAsync($"digest-{family}", family, ExportsAt.AddDays(family == expired ? 1 : 30));
        }
        await tokens.StartFamilyAsync("F-other-" + member, NewMemberId(), ExportsAt);
        await tokens.RevokeFamilyAsync(signedOut, member, ExportsAt.AddHours(1));
        await tokens.TrySpendAsync($"digest-{spent}", ExportsAt.AddHours(1));

        var signIns = await tokens.ListForMemberAsync(member, ExportsAt.AddDays(2));

        Assert.Equal(
            [new MemberSignIn(ExportsAt, null, true), new MemberSignIn(ExportsAt.AddMinutes(1), ExportsAt.AddHours(1), false),
             new MemberSignIn(ExportsAt.AddMinutes(2), null, false), new MemberSignIn(ExportsAt.AddMinutes(3), null, false)],
            signIns);
        Assert.Empty(await tokens.ListForMemberAsync(NewMemberId(), ExportsAt));
    }
}
