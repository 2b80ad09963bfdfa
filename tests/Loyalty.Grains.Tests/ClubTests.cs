using Loyalty.Domain;
using Loyalty.Grains.Clubs;
using Loyalty.Grains.Promotions;

namespace Loyalty.Grains.Tests;

/// <summary>Clubs: the catalogue, members joining and leaving, and promotions for a club's members.</summary>
public sealed class ClubTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task A_club_is_created_then_updated_and_each_change_is_audited()
    {
        var clubs = fixture.Grains.ClubCatalogueGrain();
        var clubId = "C-" + Guid.NewGuid().ToString("N")[..8];

        var created = (await clubs.Put(clubId, "Coffee Club", "For coffee lovers", "Marketing A"))!;
        var unchanged = (await clubs.Put(clubId, "Coffee Club", "For coffee lovers", "Marketing B"))!;
        var updated = (await clubs.Put(clubId, "Coffee Club+", null, "Marketing B"))!;

        Assert.True(created.Created);
        Assert.False(unchanged.Created || unchanged.Changed);
        Assert.True(updated.Changed && !updated.Created);
        Assert.Equal(("Coffee Club+", (string?)null), (updated.Club.Name, updated.Club.Description));
        Assert.Equal(created.Club.CreatedAt, updated.Club.CreatedAt);
        Assert.Equal(updated.Club, await clubs.Get(clubId));
        Assert.Contains(updated.Club, await clubs.List());
        var audit = (await clubs.Audit(null, 200)).Entries.Where(e => e.Club.ClubId == clubId).OrderBy(e => e.Sequence).ToArray();
        Assert.Equal([("created", "Marketing A"), ("updated", "Marketing B")], audit.Select(e => (e.Action, e.By)));
    }

    [Fact]
    public async Task Joining_and_leaving_show_on_the_account_and_in_the_activity_and_are_idempotent()
    {
        var member = await Commands.EnrolledAsync(fixture.Grains);
        var marketing = fixture.Grains.GetGrain<IMemberMarketingGrain>(member.GetPrimaryKeyString());

        var joined = await marketing.JoinClub("coffee", "Coffee Club");
        var again = await marketing.JoinClub("coffee", "Coffee Club");
        await marketing.JoinClub("tea", null);

        Assert.True(joined.Value!.Changed);
        Assert.False(again.Value!.Changed);
        Assert.Equal(joined.Value.JoinedAt, again.Value.JoinedAt);
        Assert.Equal(["coffee", "tea"], (await member.GetAccount())!.Clubs.Order());

        var left = await marketing.LeaveClub("coffee", "Coffee Club");
        var leftAgain = await marketing.LeaveClub("coffee", "Coffee Club");
        Assert.True(left.Value!.Changed);
        Assert.False(leftAgain.Value!.Changed);
        Assert.Equal(["tea"], (await member.GetAccount())!.Clubs);
        var activity = (await member.GetActivity(null, 50))!.Entries;
        Assert.Equal(["Left Coffee Club", "Joined club tea", "Joined Coffee Club"],
            activity.Where(e => e.Kind is LedgerKinds.ClubJoined or LedgerKinds.ClubLeft).Select(e => e.Description));

        var stranger = fixture.Grains.GetGrain<IMemberMarketingGrain>(Commands.NewMemberId());
        Assert.Equal(RejectionCode.NotEnrolled, (await stranger.JoinClub("coffee", null)).Rejection!.Code);
    }

    [Fact]
    public async Task A_club_promotion_applies_to_its_members_only_and_is_listed_only_for_them()
    {
        var clubId = "C-" + Guid.NewGuid().ToString("N")[..8];
        var sku = Promotions.NewSku("LATTE");
        var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.Multiplier, 2m, Category: "coffee", Sku: sku), new PromotionAudience(ClubId: clubId),
            limitPerMember: 2), "Marketing")).Definition;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        var insider = await Commands.EnrolledAsync(fixture.Grains);
        var outsider = await Commands.EnrolledAsync(fixture.Grains);
        var insiderClubs = fixture.Grains.GetGrain<IMemberMarketingGrain>(insider.GetPrimaryKeyString());
        var outsiderClubs = fixture.Grains.GetGrain<IMemberMarketingGrain>(outsider.GetPrimaryKeyString());
        await insiderClubs.JoinClub(clubId, "Coffee Club");

        Assert.Contains(await insiderClubs.GetPromotions() ?? [], p => p.Id == promotion.Id);
        Assert.DoesNotContain(await outsiderClubs.GetPromotions() ?? [], p => p.Id == promotion.Id);
        var sale = Promotions.SaleOf("T-1", sku, 3m, quantity: 2, category: "coffee");
        Assert.Equal(12, (await insider.Purchase(sale)).Value!.PointsEarned);
        Assert.Equal(6, (await outsider.Purchase(sale)).Value!.PointsEarned);

        // The limit of two purchases per member: the second uses it up, and the promotion is no longer open.
        Assert.Single((await insider.Purchase(sale with { TransactionId = "T-2" })).Value!.PromotionsApplied);
        Assert.DoesNotContain(await insiderClubs.GetPromotions() ?? [], p => p.Id == promotion.Id);
        Assert.Empty((await insider.Purchase(sale with { TransactionId = "T-3" })).Value!.PromotionsApplied);

        var other = await Commands.EnrolledAsync(fixture.Grains);
        var otherClubs = fixture.Grains.GetGrain<IMemberMarketingGrain>(other.GetPrimaryKeyString());
        await otherClubs.JoinClub(clubId, "Coffee Club");
        await otherClubs.LeaveClub(clubId, "Coffee Club");
        Assert.Empty((await other.Purchase(sale)).Value!.PromotionsApplied);
        Assert.Null(await fixture.Grains.GetGrain<IMemberMarketingGrain>(Commands.NewMemberId()).GetPromotions());
    }
}
