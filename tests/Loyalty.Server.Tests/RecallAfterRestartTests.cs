using System.Net;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>
/// A member's transactions after a restart of the engine, on each database: the member's activation reads only the ids
/// and times of its transaction window, so every retry, refund and redemption after it reads the transaction it names
/// back from the ledger, and answers as the engine did before it stopped: nothing applies twice.
/// </summary>
public abstract class RecallAfterRestartTests<TEngine>(TEngine engine) where TEngine : EngineFixture
{
    private static object Basket(string transactionId, int books = 2) => new
    {
        transactionId, storeId = "S-01",
        lines = new[] { new { sku = "BOOK", category = "books", quantity = books, unitPrice = 10.00m }, new { sku = "LATTE", category = "coffee", quantity = 1, unitPrice = 3.20m } },
    };

    private static object Return(string transactionId, string sku, int quantity) =>
        new { transactionId, storeId = "S-01", originalTransactionId = "T-1", lines = new[] { new { sku, quantity } } };

    [Fact]
    public async Task Retries_refunds_and_redemptions_after_a_restart_answer_from_the_ledger_and_apply_once()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        var sale = await (await till.Purchase(id, Basket("T-1"))).Json();
        var refund = await (await till.Refund(id, Return("RF-1", "BOOK", 1))).Json();
        var redemption = await (await till.Redeem(id, new { transactionId = "R-1", storeId = "S-01", points = 5 })).Json();
        for (var i = 2; i <= 5; i++)
            await (await till.Purchase(id, Basket($"T-{i}"))).Json();
        var before = await till.Account(id);

        await engine.RestartAsync();
        till = engine.Host.Till();

        Assert.Equal(Replayed(sale), (await (await till.Purchase(id, Basket("T-1"))).Json()).ToJsonString());
        Assert.Equal(Replayed(refund), (await (await till.Refund(id, Return("RF-1", "BOOK", 1))).Json()).ToJsonString());
        Assert.Equal(Replayed(redemption),
            (await (await till.Redeem(id, new { transactionId = "R-1", storeId = "S-01", points = 5 })).Json()).ToJsonString());
        Assert.True((bool)(await (await till.Purchase(id, Basket("T-5"))).Json())["duplicate"]!);
        await (await till.Purchase(id, Basket("T-4", books: 3))).Json(HttpStatusCode.Conflict); // the same id, another basket
        Assert.Equal((int)before["points"]!, (int)(await till.Account(id))["points"]!);

        await (await till.Refund(id, Return("RF-2", "BOOK", 2))).Json(HttpStatusCode.Conflict); // one of the two books went back
        var second = await (await till.Refund(id, Return("RF-3", "BOOK", 1))).Json();
        Assert.Equal((int)refund["pointsReversed"]!, (int)second["pointsReversed"]!);
        Assert.Equal((int)before["points"]! - (int)second["pointsReversed"]!, (int)(await till.Account(id))["points"]!);
    }

    /// <summary>The answer a retry gets: the original one, marked as a duplicate.</summary>
    private static string Replayed(JsonNode original)
    {
        var copy = original.DeepClone();
        copy["duplicate"] = true;
        return copy.ToJsonString();
    }
}

public sealed class SqliteRecallAfterRestartTests(EngineFixture engine)
    : RecallAfterRestartTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlRecallAfterRestartTests(PostgreSqlEngineFixture engine)
    : RecallAfterRestartTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;
