using System.Net;

namespace Loyalty.Server.Tests;

/// <summary>
/// "Double points on coffee for Coffee Club members", end to end over HTTP and the hub: marketing creates the club
/// and the promotion, a member joins, the till sells coffee; the member app lists the promotion and hears of new ones.
/// </summary>
public sealed class CoffeeClubTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly object DoubleOnCoffee = new { kind = "multiplier", value = 2, category = "coffee" };

    [Fact]
    public async Task Club_members_get_double_points_on_coffee_at_the_till_and_others_do_not()
    {
        var (marketing, till) = (engine.Host.Marketing(), engine.Host.Till());
        var clubId = Marketing.NewClubId();
        await marketing.PutClub(clubId);
        var promotionId = await marketing.CreatedPromotionId(Marketing.Promotion(DoubleOnCoffee, new { clubId }));
        var (member, stranger) = (Api.NewMemberId(), Api.NewMemberId());
        await till.Enrol(member);
        await till.Enrol(stranger);
        await engine.Host.MemberApp(member).Join(clubId, member);

        var sale = Api.Sale("T-1", "LATTE", "coffee", 2, 3.20m);
        var mine = await (await till.Purchase(member, sale)).Json();
        var theirs = await (await till.Purchase(stranger, sale)).Json();

        Assert.Equal(12, (long)mine["pointsEarned"]!);
        var applied = Assert.Single(mine["promotionsApplied"]!.AsArray());
        Assert.Equal((promotionId, "Double points on coffee", 6L, 0), ((string)applied!["promotionId"]!, (string)applied["name"]!,
            (long)applied["points"]!, (int)applied["stamps"]!));
        Assert.Equal(6, (long)theirs["pointsEarned"]!);
        Assert.Empty(theirs["promotionsApplied"]!.AsArray());

        // The member app lists the promotion for the member only; staff can read any member's list.
        var listed = await (await engine.Host.MemberApp(member).GetAsync($"/api/members/{member}/promotions")).Json();
        Assert.Contains(listed["promotions"]!.AsArray(), p => (string)p!["id"]! == promotionId);
        Assert.Null(listed["promotions"]![0]!["budgetPoints"]);
        var strangers = await (await till.GetAsync($"/api/members/{stranger}/promotions")).Json();
        Assert.DoesNotContain(strangers["promotions"]!.AsArray(), p => (string)p!["id"]! == promotionId);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.MemberApp(stranger).GetAsync($"/api/members/{member}/promotions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).GetAsync($"/api/members/{member}/promotions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await till.GetAsync($"/api/members/{Api.NewMemberId()}/promotions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await till.GetAsync("/api/members/bad%20id/promotions")).StatusCode);

        // Ended, it no longer applies, and no longer shows.
        await marketing.PostAsync($"/api/promotions/{promotionId}/end", null);
        Assert.Empty((await (await till.Purchase(member, Api.Sale("T-2", "LATTE", "coffee", 2, 3.20m))).Json())["promotionsApplied"]!.AsArray());
        Assert.DoesNotContain((await (await till.GetAsync($"/api/members/{member}/promotions")).Json())["promotions"]!.AsArray(),
            p => (string)p!["id"]! == promotionId);
    }

    [Fact]
    public async Task A_new_club_promotion_is_announced_live_to_the_watching_club_member_and_not_to_others()
    {
        var (marketing, till) = (engine.Host.Marketing(), engine.Host.Till());
        var clubId = Marketing.NewClubId();
        await marketing.PutClub(clubId);
        var (member, stranger) = (Api.NewMemberId(), Api.NewMemberId());
        await till.Enrol(member);
        await till.Enrol(stranger);
        await marketing.Join(clubId, member);
        await using var mine = Watcher.Create(engine.Host, token: Watcher.MemberToken(member));
        await using var theirs = Watcher.Create(engine.Host, token: Watcher.MemberToken(stranger));
        await mine.StartAsync();
        await theirs.StartAsync();
        await mine.WatchAsync(member);
        await theirs.WatchAsync(stranger);

        var promotionId = await marketing.CreatedPromotionId(Marketing.Promotion(DoubleOnCoffee, new { clubId }, name: "Coffee Club double"));

        await Watcher.Until(() => mine.Promotions.Any(p => p.Promotion.Id == promotionId));
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a wrong announcement to arrive
        var announced = Assert.Single(mine.Promotions, p => p.Promotion.Id == promotionId);
        Assert.Equal((member, "Coffee Club double", clubId), (announced.MemberId, announced.Promotion.Name, announced.Promotion.Audience.ClubId));
        Assert.DoesNotContain(theirs.Promotions, p => p.Promotion.Id == promotionId);
    }
}
