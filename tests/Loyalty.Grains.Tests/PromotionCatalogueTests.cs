using Loyalty.Domain;
using Loyalty.Grains.Promotions;

namespace Loyalty.Grains.Tests;

/// <summary>The promotion catalogue: created and ended once, learned by every node, applied by purchases on every node.</summary>
public sealed class PromotionCatalogueTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private IPromotionCatalogueGrain Catalogue => fixture.Grains.PromotionCatalogueGrain();

    [Fact]
    public async Task A_new_promotion_reaches_every_node_and_purchases_on_any_node_apply_it()
    {
        var sku = Promotions.NewSku("DOUBLE");
        var created = await Catalogue.Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.Multiplier, 2m, Sku: sku)), "marketing-tool");

        Assert.StartsWith("P-", created.Definition.Id);
        Assert.Equal("marketing-tool", created.CreatedBy);
        await Promotions.UntilEveryNodeHas(fixture.Cluster, created.Definition.Id);

        var members = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Commands.EnrolledAsync(fixture.Grains)));
        var outcomes = await Task.WhenAll(members.Select(m => m.Purchase(Promotions.SaleOf("T-1", sku, 7m))));
        foreach (var outcome in outcomes)
        {
            Assert.True(outcome.IsSuccess);
            Assert.Equal(14, outcome.Value!.PointsEarned);
            var applied = Assert.Single(outcome.Value.PromotionsApplied);
            Assert.Equal((created.Definition.Id, 7L), (applied.PromotionId, applied.Points));
        }
        // The replay answers as the first time did, promotion included.
        var replay = await members[0].Purchase(Promotions.SaleOf("T-1", sku, 7m));
        Assert.True(replay.Value!.Duplicate);
        Assert.Equal(outcomes[0].Value!.PromotionsApplied, replay.Value.PromotionsApplied);
    }

    [Fact]
    public async Task An_ended_promotion_stops_applying_on_every_node_and_both_changes_are_audited()
    {
        var sku = Promotions.NewSku("BONUS");
        var created = await Catalogue.Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.BonusPoints, 25m, Sku: sku)), "Marketing A");
        var id = created.Definition.Id;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, id);
        var member = await Commands.EnrolledAsync(fixture.Grains);
        Assert.Equal(25 + 4, (await member.Purchase(Promotions.SaleOf("T-1", sku, 4m))).Value!.PointsEarned);

        var ended = await Catalogue.End(id, "Marketing B");
        var again = await Catalogue.End(id, "Marketing C");
        await Promotions.UntilEveryNodeHas(fixture.Cluster, id, p => p.EndedAt is not null);

        Assert.Equal(fixture.Time.GetUtcNow(), ended!.Definition.EndedAt);
        Assert.Equal(ended, again); // idempotent: the first end stands
        Assert.Null(await Catalogue.End("P-999999", "Marketing B"));
        var outcome = (await member.Purchase(Promotions.SaleOf("T-2", sku, 4m))).Value!;
        Assert.Equal(4, outcome.PointsEarned);
        Assert.Empty(outcome.PromotionsApplied);

        var audit = (await Catalogue.Audit(null, 200)).Entries.Where(e => e.Promotion.Id == id).OrderBy(e => e.Sequence).ToArray();
        Assert.Equal(["created", "ended"], audit.Select(e => e.Action));
        Assert.Equal(["Marketing A", "Marketing B"], audit.Select(e => e.By));
        Assert.All(audit, e => Assert.Equal(fixture.Time.GetUtcNow(), e.At));
        Assert.Null(audit[0].Promotion.EndedAt);
        Assert.NotNull(audit[1].Promotion.EndedAt);
        Assert.True(audit[1].Sequence > audit[0].Sequence);
    }

    [Fact]
    public async Task A_per_member_limit_holds_under_concurrent_purchases_of_the_member()
    {
        var sku = Promotions.NewSku("LIMIT");
        var promotion = (await Catalogue.Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.BonusPoints, 7m, Sku: sku), limitPerMember: 3), "Marketing")).Definition;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        var member = await Commands.EnrolledAsync(fixture.Grains);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => member.Purchase(Promotions.SaleOf($"T-{i}", sku, 2m))));

        Assert.Equal(3, outcomes.Count(o => o.Value!.PromotionsApplied.Count == 1));
        Assert.Equal(20 * 2 + 3 * 7, (await member.GetAccount())!.Points);
    }

    [Fact]
    public async Task The_catalogue_and_its_ids_survive_a_restart()
    {
        var created = await Catalogue.Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.BonusPoints, 5m, Sku: Promotions.NewSku("KEEP"))), "Marketing");
        var before = await Catalogue.List();

        await fixture.RestartAsync();
        // A node loads the catalogue as it starts: its first purchases already see the promotions.
        Assert.All(fixture.Cluster.Silos, silo => Assert.Contains(Promotions.CacheOf(silo).Snapshot.Promotions, p => p.Id == created.Definition.Id));
        var next = await Catalogue.Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.BonusPoints, 5m, Sku: Promotions.NewSku("KEEP"))), "Marketing");

        Assert.Equal(before, (await Catalogue.List()).Take(before.Count));
        Assert.Contains(await Catalogue.List(), p => p.Definition.Id == created.Definition.Id);
        Assert.True(string.CompareOrdinal(next.Definition.Id, created.Definition.Id) > 0);
        await Promotions.UntilEveryNodeHas(fixture.Cluster, next.Definition.Id);
    }
}
