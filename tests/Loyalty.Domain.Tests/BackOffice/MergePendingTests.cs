using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.BackOffice;

/// <summary>Pending points in a merge: they move with their release and expiry days, and are released by the target on their day.</summary>
public class MergePendingTests
{
    private static MergePair PairWithPendingDays(int days)
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = days;
        return new MergePair(options);
    }

    [Fact]
    public void The_source_s_pending_points_wait_on_the_target_for_their_own_day_and_are_then_spendable_there()
    {
        var p = PairWithPendingDays(14);
        var sale = p.Source.BuyAs("S1", Item(40m));
        var pending = Assert.Single(p.Source.State.PendingLots);
        p.AdvanceDays(3);

        var outcome = LiabilityTracking.Track(p.Target.State, () => p.Merge());

        Assert.Equal(0, outcome.PointsMoved); // the balance moved: pending points are not part of it
        Assert.Empty(p.Source.State.PendingLots);
        var moved = Assert.Single(p.Target.State.PendingLots);
        Assert.Equal((pending.ReleasesOn, pending.ExpiresOn, sale.PointsEarned), (moved.ReleasesOn, moved.ExpiresOn, moved.Points));
        var mergedIn = Assert.Single(p.Target.Entries(LedgerKinds.MergedIn));
        Assert.Equal(pending.ReleasesOn, Programme.PendingReleaseOf(mergedIn)); // the target's due-time row comes with this entry
        Assert.Contains(mergedIn.Liability!.Lines, l => l.Key == new LiabilityKey(LiabilityKind.Pending, pending.ExpiresOn) && l.Points == sale.PointsEarned);
        Assert.Equal(0, p.Target.Balance);

        p.Target.AdvanceDays(11);

        Assert.Empty(p.Target.State.PendingLots);
        Assert.Equal(sale.PointsEarned, p.Target.Balance);
        Assert.Single(p.Target.Entries(LedgerKinds.PointsReleased));
    }

    [Fact]
    public void A_refund_on_the_target_of_its_own_sale_with_the_source_sale_s_id_does_not_cancel_the_moved_pending_points()
    {
        var p = PairWithPendingDays(14);
        var sourceSale = p.Source.BuyAs("S1", Item(40m));
        p.Target.BuyAs("S1", Item(10m));
        p.Merge();

        p.Target.Refund("S1", Back("ITEM"));

        Assert.Equal(sourceSale.PointsEarned, p.Target.State.PendingPoints);
    }
}
