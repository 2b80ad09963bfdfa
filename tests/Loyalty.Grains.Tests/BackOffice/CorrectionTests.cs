using Loyalty.Domain;

namespace Loyalty.Grains.Tests.BackOffice;

/// <summary>Adjustments and voids on the real cluster and its SQLite ledger: exact under concurrency, once after a restart.</summary>
public sealed class CorrectionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_void_racing_a_purchase_a_redemption_and_an_adjustment_keeps_the_balance_exact()
    {
        for (var round = 0; round < 10; round++)
        {
            var grain = await Commands.EnrolledAsync(fixture.Grains);
            await grain.Purchase(Commands.Sale("P-1", 100m));
            Assert.True((await grain.Redeem(Commands.Points("R-1", 60))).IsSuccess);

            var voiding = grain.VoidRedemption(new RedemptionVoid("V-1", "R-1"));
            var buying = grain.Purchase(Commands.Sale("P-2", 25m));
            var redeeming = grain.Redeem(Commands.Points("R-2", 30));
            var adjusting = grain.Adjust(new Adjustment("A-1", -10, AdjustmentReasons.Correction, null, "desk"));
            await Task.WhenAll(voiding, buying, redeeming, adjusting);

            Assert.Equal(60, (await voiding).Value!.PointsRestored);
            Assert.True((await buying).IsSuccess);
            Assert.True((await redeeming).IsSuccess);  // 40 left, or 100 after the void: 30 fits either way
            Assert.True((await adjusting).IsSuccess);
            var expected = 100 - 60 + 60 + 25 - 30 - 10;
            Assert.Equal(expected, (await grain.GetAccount())!.Points);
            await fixture.Cluster.DeactivateAsync(grain);
            Assert.Equal(expected, (await grain.GetAccount())!.Points);
        }
    }

    [Fact]
    public async Task Two_voids_of_one_redemption_at_once_exactly_one_wins()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("P-1", 100m));
        await grain.Redeem(Commands.Points("R-1", 40));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => grain.VoidRedemption(new RedemptionVoid($"V-{i}", "R-1"))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(RejectionCode.AlreadyVoided, r.Rejection!.Code));
        Assert.Equal(100, (await grain.GetAccount())!.Points);
        var activity = (await grain.GetActivity(null, 50))!.Entries;
        Assert.Single(activity, e => e.Kind == LedgerKinds.RedemptionVoided);
    }

    [Fact]
    public async Task A_redemption_beyond_the_remembered_transactions_is_voided_once_also_after_a_restart()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("P-1", 100m));
        await grain.Redeem(Commands.Points("OLD", 40));
        var max = ProgrammeOptions.Demo().MaxRememberedTransactions;
        for (var i = 0; i < max + 20; i++)
            await grain.Purchase(Commands.Sale($"S-{i}", 1m));
        await fixture.Cluster.DeactivateAsync(grain);
        var points = (await grain.GetAccount())!.Points;

        var voided = await grain.VoidRedemption(new RedemptionVoid("V-1", "OLD"));
        Assert.Equal(40, voided.Value!.PointsRestored);
        for (var i = 0; i < max + 20; i++)
            await grain.Purchase(Commands.Sale($"T-{i}", 1m));
        await fixture.Cluster.DeactivateAsync(grain);

        var second = await grain.VoidRedemption(new RedemptionVoid("V-2", "OLD"));
        var replay = await grain.VoidRedemption(new RedemptionVoid("V-1", "OLD"));

        Assert.Equal(RejectionCode.AlreadyVoided, second.Rejection!.Code);
        Assert.True(replay.Value!.Duplicate);
        Assert.Equal(points + 40 + max + 20, (await grain.GetAccount())!.Points);
    }
}
