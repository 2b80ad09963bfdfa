using Loyalty.Grains.Privacy;

namespace Loyalty.Grains.Tests.Privacy;

/// <summary>A member's copy of their data from the grain: what it answers, the ledger is already in the ledger table.</summary>
public sealed class MemberExportTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task The_export_comes_once_every_entry_up_to_its_sequence_is_in_the_ledger()
    {
        var member = await Commands.EnrolledAsync(fixture.Grains);
        var id = member.GetPrimaryKeyString();
        for (var i = 1; i <= 5; i++)
            Assert.True((await member.Purchase(Commands.Sale($"S-{i}", 10m * i))).IsSuccess);

        var export = (await fixture.Grains.GetGrain<IMemberExportGrain>(id).GetExport())!;

        Assert.Equal(id, export.MemberId);
        Assert.Equal(Commands.Profile(), export.Profile);
        Assert.Equal(export.Account.Points, export.Lots.Sum(l => l.Points));
        var stored = await fixture.Ledger.ReadAsync(id, before: null, limit: 100);
        Assert.Equal(export.Account.LedgerSequence, stored[0].Sequence);
        Assert.Equal(Enumerable.Range(1, (int)export.Account.LedgerSequence).Reverse().Select(s => (long)s), stored.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_member_never_enrolled_has_no_export()
    {
        Assert.Null(await fixture.Grains.GetGrain<IMemberExportGrain>(Commands.NewMemberId()).GetExport());
    }
}
