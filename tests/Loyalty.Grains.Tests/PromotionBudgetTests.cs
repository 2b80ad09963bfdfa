using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Xunit.Abstractions;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A promotion's budget under concurrent purchases on two nodes: never overspent, and underspent by no more than the
/// documented bound (each node at most the largest reservation, four chunks, unused).
/// </summary>
public sealed class PromotionBudgetTests(TwoSiloClusterFixture fixture, ITestOutputHelper output) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task Concurrent_purchases_across_nodes_never_overspend_the_budget_and_leave_at_most_the_bound_unspent()
    {
        const long budget = 1_000, bonus = 10;
        const int members = 40, purchasesEach = 6; // demand: 2,400 points, more than twice the budget
        var sku = Promotions.NewSku("BUDGET");
        var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.BonusPoints, bonus, Sku: sku), budgetPoints: budget), "Marketing")).Definition;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        var grains = await Task.WhenAll(Enumerable.Range(0, members).Select(_ => Commands.EnrolledAsync(fixture.Grains)));

        var outcomes = await Task.WhenAll(grains.SelectMany(g => Enumerable.Range(1, purchasesEach)
            .Select(i => g.Purchase(Promotions.SaleOf($"T-{i}", sku, 5m)))));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess));
        var awarded = outcomes.SelectMany(o => o.Value!.PromotionsApplied).Where(p => p.PromotionId == promotion.Id).Sum(p => p.Points);
        var balances = (await Task.WhenAll(grains.Select(g => g.GetAccount()))).Sum(a => a!.Points);
        var usage = await fixture.Grains.GetGrain<IPromotionBudgetGrain>(promotion.Id).GetUsage();
        var chunk = PromotionBudgetReservations.ChunkOf(budget);
        output.WriteLine($"awarded {awarded} of {budget}; granted to nodes {usage.Granted}: "
            + string.Join(", ", usage.GrantedByNode.Select(n => $"{n.Key} {n.Value}")) + $"; chunk {chunk}; {usage.Reservations} reservations for {outcomes.Length} purchases");

        Assert.True(awarded <= budget, $"the budget of {budget} was overspent: {awarded}");
        Assert.True(awarded >= budget - fixture.Cluster.Silos.Count * PromotionBudgetReservations.MaxChunksPerReservation * chunk,
            $"{awarded} awarded: more unspent than the bound allows");
        Assert.Equal(members * purchasesEach * 5 + awarded, balances); // the accounts hold exactly what the outcomes say
        Assert.True(usage.Granted <= budget);
        Assert.Equal(usage.Granted, usage.GrantedByNode.Values.Sum());
        Assert.True(usage.Reservations < outcomes.Length / 4, "the purchases were serialised through the budget grain");
    }

    [Fact]
    public async Task The_first_purchase_on_a_node_waits_for_its_share_rather_than_missing_the_promotion()
    {
        var sku = Promotions.NewSku("FIRST");
        var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(Promotions.Draft(fixture.Time.GetUtcNow(),
            new PromotionEffect(PromotionEffectKind.Multiplier, 3m, Sku: sku), budgetPoints: 100_000), "Marketing")).Definition;
        await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        var members = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Commands.EnrolledAsync(fixture.Grains)));

        // A basket that could be worth more points than a chunk (1,200 at the top tier): the node reserves enough first.
        var outcomes = await Task.WhenAll(members.Select(m => m.Purchase(Promotions.SaleOf("T-1", sku, 400m))));

        Assert.All(outcomes, o => Assert.Equal(800, Assert.Single(o.Value!.PromotionsApplied).Points));
        Assert.True((await fixture.Grains.GetGrain<IPromotionBudgetGrain>(promotion.Id).GetUsage()).Granted >= 6 * 800);
    }
}
