using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

public sealed class MemberGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Enrol_creates_once_then_updates_the_profile()
    {
        var grain = fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId());
        Assert.Null(await grain.GetAccount());
        Assert.True(await grain.Enrol(Commands.Profile("Ada")));
        Assert.False(await grain.Enrol(Commands.Profile("Ada Lovelace")));
        var account = await grain.GetAccount();
        Assert.Equal("Ada Lovelace", account!.Name);
        Assert.Equal("Member", account.Tier);
    }

    [Fact]
    public async Task Commands_for_a_member_not_enrolled_are_refused_and_enrol_nobody()
    {
        var grain = fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId());
        var result = await grain.Purchase(Commands.Sale("T-1", 10m));
        Assert.Equal(RejectionCode.NotEnrolled, result.Rejection!.Code);
        Assert.Null(await grain.GetAccount());
        Assert.Null(await grain.GetActivity(null, 10));
    }

    [Fact]
    public async Task A_replayed_purchase_returns_the_original_outcome_and_awards_nothing()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var first = await grain.Purchase(Commands.Coffees("T-1", 2));
        var again = await grain.Purchase(Commands.Coffees("T-1", 2));

        Assert.False(first.Value!.Duplicate);
        Assert.True(again.Value!.Duplicate);
        Assert.Equal(first.Value with { Duplicate = true }, again.Value with { StampCards = first.Value.StampCards });
        Assert.Equal(6, (await grain.GetAccount())!.Points);
        Assert.Equal(2, (await grain.GetAccount())!.StampCards.Single().Stamps);
    }

    [Fact]
    public async Task The_same_transaction_id_with_a_different_body_is_a_conflict_that_changes_nothing()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 10m));
        var changed = await grain.Purchase(Commands.Sale("T-1", 99m));
        var otherKind = await grain.Redeem(Commands.Points("T-1", 5));

        Assert.Equal(RejectionCode.TransactionIdReused, changed.Rejection!.Code);
        Assert.Equal(RejectionCode.TransactionIdReused, otherKind.Rejection!.Code);
        Assert.Equal(10, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task Concurrent_redemptions_never_overdraw()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 100m));

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => grain.Redeem(Commands.Points($"R-{i}", 7))));

        Assert.Equal(14, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(RejectionCode.InsufficientPoints, r.Rejection!.Code));
        Assert.All(results.Where(r => r.IsSuccess), r => Assert.True(r.Value!.Balance >= 0));
        Assert.Equal(2, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_sale_award_once()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Purchase(Commands.Sale("T-9", 25m))));

        Assert.Single(results, r => !r.Value!.Duplicate);
        Assert.Equal(19, results.Count(r => r.Value!.Duplicate));
        Assert.Equal(25, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task Ten_coffees_issue_a_free_coffee_that_can_be_redeemed_once()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var purchase = await grain.Purchase(Commands.Coffees("T-1", 10));
        var reward = Assert.Single(purchase.Value!.RewardsIssued);
        Assert.Equal(1, purchase.Value.StampCards.Single().Stamps);

        var redeemed = await grain.Redeem(new Redemption("R-1", "S-01", null, reward.RewardId));
        var twice = await grain.Redeem(new Redemption("R-2", "S-01", null, reward.RewardId));

        Assert.Equal(reward.RewardId, redeemed.Value!.RewardRedeemed!.RewardId);
        Assert.Equal(RejectionCode.RewardUnavailable, twice.Rejection!.Code);
        Assert.Empty((await grain.GetAccount())!.Rewards);
    }

    [Fact]
    public async Task A_refund_claws_back_points_and_a_replayed_refund_does_not_claw_twice()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(new Purchase("T-1", "S-01", null,
            [new PurchaseLine("BOOK", "books", 1, 20m), new PurchaseLine("PEN", "office", 2, 2.50m)]));
        var refund = new Refund("RF-1", "S-01", "T-1", [new RefundLine("BOOK", 1)]);

        var first = await grain.Refund(refund);
        var again = await grain.Refund(refund);

        Assert.Equal(20, first.Value!.PointsReversed);
        Assert.True(again.Value!.Duplicate);
        Assert.Equal(5, (await grain.GetAccount())!.Points);
    }
}
