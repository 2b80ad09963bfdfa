using System.Net;
using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests;

/// <summary>
/// A command whose rules throw while they apply it leaves the account as it was, and the caller gets a problem, not a
/// 500. The real case: in a programme at its most generous settings, an absurd but valid basket with two ten-fold
/// promotions earns more points than the engine can count; the sale had already lifted the member to Gold.
/// </summary>
public sealed class CommandFailureTests(CommandFailureTests.GenerousProgrammeFixture engine)
    : IClassFixture<CommandFailureTests.GenerousProgrammeFixture>
{
    /// <summary>1,000 points per unit and a Gold tier at 100 times: the largest the programme's validation allows.</summary>
    public sealed class GenerousProgrammeFixture : EngineFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Loyalty:Program:PointsPerCurrencyUnit"] = "1000",
            ["Loyalty:Program:Tiers:2:Multiplier"] = "100",
        };
    }

    /// <summary>500 lines of 10,000 books at 1,000,000 each: every field within the API's limits.</summary>
    private static object HugeBasket(string transactionId) => new
    {
        transactionId,
        storeId = "S-01",
        lines = Enumerable.Range(1, 500).Select(i => new { sku = $"BOOK-{i}", category = "books", quantity = 10_000, unitPrice = 1_000_000m }).ToArray(),
    };

    [Fact]
    public async Task A_sale_whose_points_overflow_is_refused_with_422_and_changes_nothing()
    {
        await TenFoldBooksAsync();
        var till = engine.Host.Till();
        var id = Api.NewMemberId();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Purchase(id, Api.Sale("T-1", "BREAD", "food", 1, 10m))).Json();
        var before = await till.AccountText(id);

        var refused = await till.Purchase(id, HugeBasket("T-HUGE"));

        var problem = await refused.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:loyalty:problem:amount-out-of-range", (string)problem["type"]!);
        Assert.Equal(before, await till.AccountText(id));
        var next = await (await till.Purchase(id, Api.Sale("T-2", "BREAD", "food", 1, 10m))).Json();
        Assert.Equal((10_000L, 20_000L, "Member"), ((long)next["pointsEarned"]!, (long)next["balance"]!, (string)next["tier"]!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await till.Purchase(id, HugeBasket("T-HUGE"))).StatusCode); // the same again
        var activity = await till.Activity(id);
        Assert.Equal(["T-2", "T-1", null], activity.Select(e => (string?)e!["transactionId"]));
    }

    private async Task TenFoldBooksAsync()
    {
        var marketing = engine.Host.Client(EngineHost.MarketingKey);
        var cache = engine.Host.Services.GetRequiredService<PromotionCatalogueCache>();
        foreach (var name in new[] { "Ten times books", "Ten times books again" })
        {
            var promotionId = await marketing.CreatedPromotionId(Marketing.Promotion(new { kind = "multiplier", value = 10, category = "books" }, name: name));
            await Watcher.Until(() => cache.Snapshot.Promotions.Any(p => p.Id == promotionId));
        }
    }
}
