using System.Net;

namespace Loyalty.Server.Tests;

/// <summary>
/// The README's walk-through against the real host: enrol, purchases crossing Silver, ten coffees, the free coffee,
/// a redemption, a refund, and a restart of the engine, with the numbers the demo programme predicts.
/// </summary>
public abstract class WalkthroughTests<TEngine>(TEngine engine) where TEngine : EngineFixture
{
    [Fact]
    public async Task The_programme_table_holds_before_and_after_a_restart()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();

        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Enrol(id, "Ada Lovelace")).Json(HttpStatusCode.OK);

        var first = await (await till.Purchase(id, Api.Sale("T-1", "TV", "electronics", 1, 450.00m))).Json();
        Assert.Equal(450, (int)first["pointsEarned"]!);
        Assert.Equal("Member", (string)first["tier"]!);

        var crossing = await (await till.Purchase(id, Api.Sale("T-2", "HEADPHONES", "electronics", 1, 100.00m))).Json();
        Assert.Equal(125, (int)crossing["pointsEarned"]!);           // 100 × 1.25: the upgrade applies to this purchase
        Assert.Equal("Silver", (string)crossing["tier"]!);
        Assert.True((bool)crossing["tierChanged"]!);
        Assert.Equal(575, (int)crossing["balance"]!);

        var coffees = await (await till.Purchase(id, Api.Sale("T-3", "LATTE", "coffee", 10, 3.20m))).Json();
        Assert.Equal(40, (int)coffees["pointsEarned"]!);              // 32.00 × 1.25
        Assert.Equal(1, (int)coffees["stampCards"]![0]!["stamps"]!);  // ten stamps: one card full, one carried over
        var rewardId = (string)coffees["rewardsIssued"]![0]!["rewardId"]!;

        var freeCoffee = await (await till.Redeem(id, new { transactionId = "R-1", storeId = "S-01", rewardId })).Json();
        Assert.Equal(rewardId, (string)freeCoffee["rewardRedeemed"]!["rewardId"]!);
        Assert.Equal(615, (int)freeCoffee["balance"]!);

        var points = await (await till.Redeem(id, new { transactionId = "R-2", storeId = "S-01", points = 100 })).Json();
        Assert.Equal(515, (int)points["balance"]!);

        var refund = await (await till.Refund(id, new
        {
            transactionId = "RF-1", storeId = "S-01", originalTransactionId = "T-2",
            lines = new[] { new { sku = "HEADPHONES", quantity = 1 } },
        })).Json();
        Assert.Equal(125, (int)refund["pointsReversed"]!);
        Assert.Equal(390, (int)refund["balance"]!);

        await engine.RestartAsync();
        till = engine.Host.Till();

        var account = await till.Account(id);
        Assert.Equal("Ada Lovelace", (string)account["name"]!);
        Assert.Equal(390, (int)account["points"]!);
        Assert.Equal("Member", (string)account["tier"]!);              // Silver came with T-2, which was refunded
        Assert.Equal(482.00m, (decimal)account["lifetimeSpend"]!);
        Assert.Equal(482.00m, (decimal)account["tierProgress"]!["qualifyingSpend12m"]!);
        Assert.Equal(18.00m, (decimal)account["tierProgress"]!["spendToNextTier"]!);
        Assert.Equal(1, (int)account["stampCards"]![0]!["stamps"]!);
        Assert.Empty(account["rewards"]!.AsArray());

        var replay = await (await till.Purchase(id, Api.Sale("T-2", "HEADPHONES", "electronics", 1, 100.00m))).Json();
        Assert.True((bool)replay["duplicate"]!);
        Assert.Equal(125, (int)replay["pointsEarned"]!);
        Assert.Equal(390, (int)(await till.Account(id))["points"]!);

        var kinds = (await till.Activity(id)).Select(e => (string)e!["kind"]!).ToArray();
        Assert.Equal(new[]
        {
            "tier-changed", "refund", "redemption", "reward-redeemed", "reward-issued", "purchase",
            "tier-changed", "purchase", "purchase", "enrolled",
        }, kinds);
    }
}

public sealed class SqliteWalkthroughTests(EngineFixture engine) : WalkthroughTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlWalkthroughTests(PostgreSqlEngineFixture engine)
    : WalkthroughTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;
