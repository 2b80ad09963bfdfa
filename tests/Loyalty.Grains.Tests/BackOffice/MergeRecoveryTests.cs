using Loyalty.Domain;

namespace Loyalty.Grains.Tests.BackOffice;

/// <summary>
/// A merge stopped between its steps (a restart of the whole cluster on the same database, or a failed write) goes on
/// when sent again, or when the frozen source is next called: everything moves exactly once.
/// </summary>
public sealed class MergeRecoveryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Theory]
    [InlineData(1)] // the source froze and handed over its snapshot
    [InlineData(2)] // ... and the target took it in
    public async Task A_merge_sent_again_after_a_restart_between_steps_moves_everything_once(int stepsDone)
    {
        var (target, source) = await PairAsync();
        await StepsAsync(target, source, stepsDone);

        await fixture.RestartAsync();
        (target, source) = (Grain(target), Grain(source));
        var outcome = await target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()));

        Assert.True(outcome.IsSuccess, outcome.Rejection?.Detail);
        Assert.Equal(stepsDone == 2, outcome.Value!.Duplicate);
        await AssertMovedOnceAsync(target, source);
    }

    [Fact]
    public async Task A_frozen_source_finishes_the_merge_itself_when_next_called_after_a_restart()
    {
        var (target, source) = await PairAsync();
        await StepsAsync(target, source, 1);

        await fixture.RestartAsync();
        (target, source) = (Grain(target), Grain(source));
        var sale = await source.Purchase(Commands.Sale("S-9", 10m));

        Assert.True(sale.IsSuccess);
        Assert.Equal(target.GetPrimaryKeyString(), sale.Value!.MemberId);
        Assert.Equal(Total + 10, sale.Value.Balance);
        Assert.Equal(Total + 10, (await target.GetAccount())!.Points);
        Assert.Equal(Total + 10, (await source.GetAccount())!.Points);
    }

    [Fact]
    public async Task A_merge_whose_target_failed_to_store_goes_on_when_sent_again()
    {
        var (target, source) = await PairAsync();
        var frozen = await source.FreezeForMerge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()), target.GetPrimaryKeyString());
        Assert.True(frozen.IsSuccess);

        fixture.StorageFaults.FailWrites = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString())));
        }
        finally
        {
            fixture.StorageFaults.FailWrites = false;
        }
        var outcome = await target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()));

        Assert.True(outcome.IsSuccess, outcome.Rejection?.Detail);
        await AssertMovedOnceAsync(target, source);
    }

    [Fact]
    public async Task Purchases_to_the_source_during_the_merge_are_applied_once_before_the_snapshot_or_by_the_target()
    {
        for (var round = 0; round < 5; round++)
        {
            var (target, source) = await PairAsync();
            var sales = Enumerable.Range(0, 12).Select(i => SendUntilAnsweredAsync(source, Commands.Sale($"C-{i}", 5m))).ToList();
            var merging = target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()));
            var answers = await Task.WhenAll(sales);
            Assert.True((await merging).IsSuccess);

            Assert.All(answers, a => Assert.True(a.IsSuccess));
            var expected = Total + 12 * 5;
            Assert.Equal(expected, (await target.GetAccount())!.Points);
            // Every sale again, now certainly after the merge: each a replay, nothing counted twice.
            foreach (var i in Enumerable.Range(0, 12))
                Assert.True((await source.Purchase(Commands.Sale($"C-{i}", 5m))).Value!.Duplicate);
            Assert.Equal(expected, (await target.GetAccount())!.Points);
        }
    }

    /// <summary>A till's retry: a call that failed while the member was being merged is sent again with the same id.</summary>
    private static async Task<Result<PurchaseOutcome>> SendUntilAnsweredAsync(IMemberGrain member, Purchase purchase)
    {
        for (var attempt = 1; ; attempt++)
            try
            {
                return await member.Purchase(purchase);
            }
            catch (CommandFailedException) when (attempt < 20)
            {
                await Task.Delay(20);
            }
    }

    /// <summary>Target 40 points, source 25 points, 10 coffees (a reward and a stamp), owing nothing.</summary>
    private const long Total = 40 + 25 + 32;

    private async Task<(IMemberGrain Target, IMemberGrain Source)> PairAsync()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        await target.Purchase(Commands.Sale("T-1", 40m));
        await source.Purchase(Commands.Sale("S-1", 25m));
        await source.Purchase(Commands.Coffees("S-2", 10));
        return (target, source);
    }

    private static async Task StepsAsync(IMemberGrain target, IMemberGrain source, int steps)
    {
        var frozen = await source.FreezeForMerge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()), target.GetPrimaryKeyString());
        Assert.True(frozen.IsSuccess);
        if (steps >= 2)
            Assert.True((await target.TakeMergeIn(frozen.Value!.Snapshot)).IsSuccess);
    }

    private IMemberGrain Grain(IMemberGrain grain) => fixture.Grains.GetGrain<IMemberGrain>(grain.GetPrimaryKeyString());

    private static async Task AssertMovedOnceAsync(IMemberGrain target, IMemberGrain source)
    {
        var account = (await target.GetAccount())!;
        Assert.Equal(Total, account.Points);
        Assert.Equal(1, Assert.Single(account.Rewards).Count);
        Assert.Equal(1, account.StampCards[0].Stamps);
        Assert.Equal(40m + 25m + 32m, account.LifetimeSpend);
        Assert.Equal(target.GetPrimaryKeyString(), (await source.GetAccount())!.MemberId);
        var entries = (await target.GetActivity(null, 50))!.Entries;
        Assert.Single(entries, e => e.Kind == LedgerKinds.MergedIn);
    }
}
