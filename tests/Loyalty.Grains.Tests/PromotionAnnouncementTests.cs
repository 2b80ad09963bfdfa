using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Tests;

/// <summary>A promotion that starts running is announced to the watched members it is open to, and to no one else.</summary>
public sealed class PromotionAnnouncementTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task A_club_promotion_reaches_the_watched_club_members_on_every_node_and_no_one_else()
    {
        var clubId = "C-" + Guid.NewGuid().ToString("N")[..8];
        var (insider, outsider, farInsider) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains),
            await Commands.EnrolledAsync(fixture.Grains));
        foreach (var member in new[] { insider, farInsider })
            await fixture.Grains.GetGrain<IMemberMarketingGrain>(member.GetPrimaryKeyString()).JoinClub(clubId, "Coffee Club");
        var (first, second) = (fixture.Cluster.Silos[0].ServiceProvider, fixture.Cluster.Silos[1].ServiceProvider);
        await first.GetRequiredService<MemberWatchers>().WatchAsync("app-1", insider.GetPrimaryKeyString());
        await first.GetRequiredService<MemberWatchers>().WatchAsync("app-2", outsider.GetPrimaryKeyString());
        await second.GetRequiredService<MemberWatchers>().WatchAsync("app-3", farInsider.GetPrimaryKeyString());
        await Promotions.Until(() => Promotions.CacheOf(fixture.Cluster.Silos[0]).Loaded && Promotions.CacheOf(fixture.Cluster.Silos[1]).Loaded);

        var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.Multiplier, 2m, Category: "coffee"), new PromotionAudience(ClubId: clubId)), "Marketing")).Definition;

        var (firstSink, secondSink) = (first.GetRequiredService<RecordingAnnouncementSink>(), second.GetRequiredService<RecordingAnnouncementSink>());
        await Promotions.Until(() => firstSink.For(insider.GetPrimaryKeyString()).Any(p => p.Id == promotion.Id)
            && secondSink.For(farInsider.GetPrimaryKeyString()).Any(p => p.Id == promotion.Id));
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        await Task.Delay(PromotionCatalogueCache.RefreshInterval * 4); // time for a wrong announcement to show

        Assert.Single(firstSink.For(insider.GetPrimaryKeyString()), p => p.Id == promotion.Id);
        Assert.DoesNotContain(firstSink.For(outsider.GetPrimaryKeyString()), p => p.Id == promotion.Id);
        Assert.DoesNotContain(secondSink.For(insider.GetPrimaryKeyString()), p => p.Id == promotion.Id); // watched on the first node only
        Assert.Single(secondSink.For(farInsider.GetPrimaryKeyString()), p => p.Id == promotion.Id);
    }

    [Fact]
    public async Task A_promotion_starting_later_is_announced_when_it_starts()
    {
        var member = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = member.GetPrimaryKeyString();
        var node = fixture.Cluster.Silos[1].ServiceProvider;
        await node.GetRequiredService<MemberWatchers>().WatchAsync("app-later", memberId);
        var now = fixture.Time.GetUtcNow();
        var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(Promotions.Draft(now,
            new PromotionEffect(PromotionEffectKind.BonusPoints, 50m, Sku: Promotions.NewSku("LATER")), startsAt: now.AddHours(2)), "Marketing")).Definition;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        await Task.Delay(PromotionCatalogueCache.RefreshInterval * 4);
        var sink = node.GetRequiredService<RecordingAnnouncementSink>();
        Assert.DoesNotContain(sink.For(memberId), p => p.Id == promotion.Id);

        fixture.Time.Advance(TimeSpan.FromHours(3));

        await Promotions.Until(() => sink.For(memberId).Any(p => p.Id == promotion.Id));
    }
}
