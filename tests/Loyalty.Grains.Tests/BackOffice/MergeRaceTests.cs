using Loyalty.Domain;

namespace Loyalty.Grains.Tests.BackOffice;

/// <summary>
/// A command that reached the source before it froze, and waited (for the ledger) while the merge ran, is not applied
/// to the source afterwards: it is sent on to the target, as if it had come after the merge.
/// </summary>
public sealed class MergeRaceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_refund_that_waited_for_the_ledger_while_the_source_merged_away_is_served_by_the_target()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        await source.Purchase(Commands.Sale("S-OLD", 50m));
        fixture.Time.Advance(TimeSpan.FromDays(ProgrammeOptions.Demo().TransactionWindowDays + 5)); // the sale is read back from the ledger for a refund
        await target.Purchase(Commands.Sale("T-1", 40m));

        var held = fixture.LedgerFaults.HoldSearches();
        Task<Result<RefundOutcome>> refunding;
        try
        {
            refunding = source.Refund(new Refund("F-1", "S-01", "S-OLD", [new RefundLine("ITEM", 1)]));
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            var merged = await target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()));
            Assert.True(merged.IsSuccess, merged.Rejection?.Detail);
        }
        finally
        {
            fixture.LedgerFaults.Reset();
        }
        var refund = await refunding;

        // The sale's points are the target's now; its refund is refused there (the source's sales stay with the source).
        Assert.False(refund.IsSuccess);
        Assert.Equal(RejectionCode.UnknownOriginalTransaction, refund.Rejection!.Code);
        Assert.Equal(90, (await target.GetAccount())!.Points);
        Assert.Equal(90, (await source.GetAccount())!.Points);
        var moved = (await target.GetActivity(null, 10))!.Entries.Single(e => e.Kind == LedgerKinds.MergedIn);
        Assert.Equal(50, moved.Points);
    }
}
