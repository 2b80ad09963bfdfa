using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A command whose programme rules throw midway leaves nothing of itself in the member's state: not in memory, not in
/// storage, not in the ledger. The real case: in a programme at its most generous settings, a huge basket with two
/// ten-fold promotions earns more points than the engine can count, after the sale has lifted the member to Gold.
/// </summary>
public sealed class CommandFailureTests(CommandFailureTests.GenerousProgrammeFixture fixture)
    : IClassFixture<CommandFailureTests.GenerousProgrammeFixture>, IDisposable
{
    /// <summary>1,000 points per unit and a Gold tier at 100 times: the largest the programme's validation allows.</summary>
    public sealed class GenerousProgrammeFixture : ClusterFixture
    {
        protected override ProgrammeOptions CreateProgrammeOptions()
        {
            var rules = ProgrammeOptions.Demo();
            rules.PointsPerCurrencyUnit = 1000m;
            rules.Tiers[^1].Multiplier = 100m;
            return rules;
        }

        public PurchaseProgress Purchases { get; } = new();

        protected override void AddServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Purchases);
    }

    public void Dispose() => fixture.StorageFaults.Release();

    /// <summary>500 lines of 10,000 books at 1,000,000 each: every field within the API's limits.</summary>
    private static Purchase HugeBasket(string transactionId) =>
        new(transactionId, "S-01", null, Enumerable.Range(1, 500).Select(i => new PurchaseLine($"BOOK-{i}", "books", 10_000, 1_000_000m)).ToArray());

    [Fact]
    public async Task A_sale_that_overflows_fails_with_the_sales_waiting_for_its_write_and_leaves_nothing_behind()
    {
        await TenFoldBooksAsync();
        var grain = await Commands.EnrolledAsync(fixture.Grains);

        var writes = fixture.StorageFaults.Hold();
        var first = grain.Purchase(Commands.Sale("T-1", 10m));   // its write is under way (held)
        await writes.Reached;
        var second = grain.Purchase(Commands.Sale("T-2", 10m));  // applied, waits for the next write
        await fixture.Purchases.Applied("T-2");
        var huge = grain.Purchase(HugeBasket("T-HUGE"));        // lifts the member to Gold, then overflows

        await Assert.ThrowsAsync<AmountOutOfRangeException>(() => huge);
        await Assert.ThrowsAsync<CommandFailedException>(() => second); // made on the state that was dropped
        writes.Open();
        Assert.Equal(10_000, (await first).Value!.PointsEarned);  // the write under way carried it before the failure

        var account = await grain.GetAccount();
        Assert.Equal(("Member", 10_000L, 2L), (account!.Tier, account.Points, account.LedgerSequence));
        var retried = await grain.Purchase(Commands.Sale("T-2", 10m));
        Assert.Equal((false, 20_000L, "Member"), (retried.Value!.Duplicate, retried.Value.Balance, retried.Value.Tier));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(("Member", 20_000L), ((await grain.GetAccount())!.Tier, (await grain.GetAccount())!.Points));
        var activity = await grain.GetActivity(null, 100);
        Assert.Equal(["T-2", "T-1", null], activity!.Entries.Select(e => e.TransactionId));
    }

    [Fact]
    public async Task A_redemption_of_neither_points_nor_a_reward_is_invalid_and_changes_nothing()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(Commands.Sale("T-1", 10m));

        // The HTTP API refuses it before it reaches the member; the programme rules throw on it.
        await Assert.ThrowsAsync<InvalidCommandException>(() => grain.Redeem(new Redemption("R-1", "S-01", null, null)));

        Assert.Equal((10_000L, 2L), ((await grain.GetAccount())!.Points, (await grain.GetAccount())!.LedgerSequence));
        Assert.True((await grain.Redeem(Commands.Points("R-1", 1_000))).IsSuccess);
        Assert.Equal(9_000, (await grain.GetAccount())!.Points);
    }

    private async Task TenFoldBooksAsync()
    {
        foreach (var name in new[] { "Ten times books", "Ten times books again" })
        {
            var promotion = (await fixture.Grains.PromotionCatalogueGrain().Create(
                Promotions.Draft(fixture.Time.GetUtcNow(), new PromotionEffect(PromotionEffectKind.Multiplier, 10m, Category: "books")) with { Name = name },
                "Marketing")).Definition;
            await Promotions.UntilEveryNodeHas(fixture.Cluster, promotion.Id);
        }
    }
}
