using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Loyalty.Server.Tests;

/// <summary>
/// Clubs and promotions on two nodes clustered through PostgreSQL: a promotion created through one node applies to
/// purchases through the other within a second or so, and is announced to watchers on either node.
/// </summary>
public sealed class ClusterPromotionTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_promotion_created_through_one_node_applies_through_the_other_and_its_state_is_stored_in_PostgreSQL()
    {
        var (marketing, till) = (cluster.Node1.Marketing(), cluster.Node2.Till());
        var clubId = Marketing.NewClubId();
        await (await marketing.PutClub(clubId)).Json(System.Net.HttpStatusCode.Created);
        var members = Enumerable.Range(0, 6).Select(_ => Api.NewMemberId()).ToArray();
        foreach (var member in members)
        {
            await till.Enrol(member);
            await (await cluster.Node2.Marketing().Join(clubId, member)).Json();
        }

        var promotionId = await marketing.CreatedPromotionId(Marketing.Promotion(
            new { kind = "bonusPoints", value = 20, category = "coffee" }, new { clubId }, budgetPoints: 10_000));
        foreach (var node in new[] { cluster.Node1, cluster.Node2 })
        {
            var cache = node.Services.GetRequiredService<PromotionCatalogueCache>();
            await Watcher.Until(() => cache.Snapshot.Promotions.Any(p => p.Id == promotionId));
        }

        foreach (var member in members)
        {
            var outcome = await (await till.Purchase(member, Api.Sale("T-1", "LATTE", "coffee", 1, 3.00m))).Json();
            Assert.Equal((promotionId, 20L), ((string)outcome["promotionsApplied"]![0]!["promotionId"]!, (long)outcome["promotionsApplied"]![0]!["points"]!));
        }
        Assert.Equal(promotionId, (string)(await (await cluster.Node2.Marketing().GetAsync($"/api/promotions/{promotionId}")).Json())["id"]!);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(DISTINCT state_name) FROM loyalty_grain_state
            WHERE state_name IN ('club-catalogue', 'promotion-catalogue', 'promotion-budget') AND payload IS NOT NULL
            """, connection);
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_new_promotion_is_announced_to_a_club_member_watching_on_either_node()
    {
        var clubId = Marketing.NewClubId();
        await cluster.Node1.Marketing().PutClub(clubId);
        var (member, stranger) = (Api.NewMemberId(), Api.NewMemberId());
        await cluster.Node1.Till().Enrol(member);
        await cluster.Node1.Till().Enrol(stranger);
        await cluster.Node1.Marketing().Join(clubId, member);
        await using var onNode1 = Watcher.Create(cluster.Node1, token: Watcher.MemberToken(member));
        await using var onNode2 = Watcher.Create(cluster.Node2, token: Watcher.MemberToken(member));
        await using var strangerWatcher = Watcher.Create(cluster.Node2, token: Watcher.MemberToken(stranger));
        foreach (var (watcher, id) in new[] { (onNode1, member), (onNode2, member), (strangerWatcher, stranger) })
        {
            await watcher.StartAsync();
            await watcher.WatchAsync(id);
        }

        var promotionId = await cluster.Node2.Marketing().CreatedPromotionId(Marketing.Promotion(
            new { kind = "multiplier", value = 1.5, category = "coffee" }, new { clubId }));

        await Watcher.Until(() => onNode1.Promotions.Any(p => p.Promotion.Id == promotionId) && onNode2.Promotions.Any(p => p.Promotion.Id == promotionId));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(onNode1.Promotions, p => p.Promotion.Id == promotionId);
        Assert.Single(onNode2.Promotions, p => p.Promotion.Id == promotionId);
        Assert.DoesNotContain(strangerWatcher.Promotions, p => p.Promotion.Id == promotionId);
    }
}
