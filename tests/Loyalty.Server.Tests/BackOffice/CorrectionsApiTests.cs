using System.Net;
using System.Net.Http.Headers;

namespace Loyalty.Server.Tests.BackOffice;

/// <summary>
/// Corrections at the counter over HTTP, on both databases: support adjusts points, a till voids a redemption, the
/// refusals, what watchers are told, and a second void still refused after a restart.
/// </summary>
public abstract class CorrectionsApiTests<TEngine>(TEngine engine) where TEngine : EngineFixture
{
    [Fact]
    public async Task Support_adjusts_points_and_a_till_voids_a_redemption_once_also_after_a_restart()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        var support = engine.Host.Support();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Purchase(id, Api.Sale("T-1", "TV", "electronics", 1, 100.00m))).Json();
        await using var watcher = Watcher.Create(engine.Host, EngineHost.TillKey);
        await watcher.StartAsync();
        await watcher.WatchAsync(id);

        var added = await (await support.Adjust(id, new { transactionId = "A-1", points = 50, reason = "goodwill", note = "cold coffee" })).Json();
        Assert.Equal((50, 150, false), ((int)added["points"]!, (int)added["balance"]!, (bool)added["duplicate"]!));
        var replay = await (await support.Adjust(id, new { transactionId = "A-1", points = 50, reason = "goodwill", note = "cold coffee" })).Json();
        Assert.True((bool)replay["duplicate"]!);
        await Problem(await support.Adjust(id, new { transactionId = "A-1", points = 51, reason = "goodwill", note = "cold coffee" }),
            HttpStatusCode.Conflict, "transaction-id-reused");
        await Problem(await support.Adjust(id, new { transactionId = "A-2", points = -151, reason = "fraud" }),
            HttpStatusCode.Conflict, "insufficient-points");
        var tooLarge = await Problem(await support.Adjust(id, new { transactionId = "A-3", points = 10_001, reason = "correction" }),
            HttpStatusCode.UnprocessableContent, "adjustment-too-large");
        Assert.Contains("Loyalty:Program:MaxAdjustmentPoints", (string)tooLarge["detail"]!, StringComparison.Ordinal);
        var removed = await (await support.Adjust(id, new { transactionId = "A-4", points = -20, reason = "correction" })).Json();
        Assert.Equal(130, (int)removed["balance"]!);

        await (await till.Redeem(id, new { transactionId = "R-1", points = 100 })).Json();
        var voided = await (await till.Void(id, new { transactionId = "V-1", originalTransactionId = "R-1" })).Json();
        Assert.Equal((100, 130), ((int)voided["pointsRestored"]!, (int)voided["balance"]!));
        await Problem(await support.Void(id, new { transactionId = "V-2", originalTransactionId = "R-1" }), HttpStatusCode.Conflict, "already-voided");
        await Problem(await till.Void(id, new { transactionId = "V-3", originalTransactionId = "T-1" }), HttpStatusCode.UnprocessableContent, "not-a-redemption");
        await Problem(await till.Void(id, new { transactionId = "V-3", originalTransactionId = "V-1" }), HttpStatusCode.UnprocessableContent, "not-a-redemption");
        await Problem(await till.Void(id, new { transactionId = "V-3", originalTransactionId = "R-404" }), HttpStatusCode.UnprocessableContent,
            "unknown-original-transaction");

        await Watcher.Until(() => watcher.Balances.Any(b => b.Reason == "redemption-voided"));
        Assert.Equal([("adjustment", 50L, 150L), ("adjustment", -20L, 130L), ("redemption", -100L, 30L), ("redemption-voided", 100L, 130L)],
            watcher.Balances.Select(b => (b.Reason, b.Delta, b.Balance)).ToArray());

        await engine.RestartAsync();
        till = engine.Host.Till();
        await Problem(await till.Void(id, new { transactionId = "V-4", originalTransactionId = "R-1" }), HttpStatusCode.Conflict, "already-voided");
        Assert.True((bool)(await (await till.Void(id, new { transactionId = "V-1", originalTransactionId = "R-1" })).Json())["duplicate"]!);
        Assert.Equal(130, (int)(await till.Account(id))["points"]!);

        var entries = await engine.Host.Support().Activity(id);
        var adjustment = entries.First(e => (string)e!["transactionId"]! == "A-1")!;
        Assert.Equal("adjustment", (string)adjustment["kind"]!);
        Assert.Equal(("goodwill", "cold coffee", "Test support"),
            ((string)adjustment["details"]!["reason"]!, (string)adjustment["details"]!["note"]!, (string)adjustment["details"]!["by"]!));
        Assert.Equal("redemption-voided", (string)entries[0]!["kind"]!);
        Assert.Equal("Test till", (string)entries[0]!["details"]!["by"]!);
    }

    [Fact]
    public async Task The_member_sees_an_adjustment_and_its_reason_but_not_the_note_or_who_made_it_nor_who_voided_a_redemption()
    {
        var id = Api.NewMemberId();
        await (await engine.Host.Till().Enrol(id)).Json(HttpStatusCode.Created);
        await (await engine.Host.Support().Adjust(id, new { transactionId = "A-1", points = 5, reason = "goodwill", note = "internal" })).Json();
        await (await engine.Host.Till().Redeem(id, new { transactionId = "R-1", points = 5 })).Json();
        await (await engine.Host.Support().Void(id, new { transactionId = "V-1", originalTransactionId = "R-1" })).Json();
        var member = engine.Host.Client(null);
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(id));

        var entries = await member.Activity(id);
        var details = entries.Single(e => (string?)e!["kind"] == "adjustment")!["details"]!.AsObject();
        var voided = entries.Single(e => (string?)e!["kind"] == "redemption-voided")!["details"]!.AsObject();

        Assert.Equal("goodwill", (string)details["reason"]!);
        Assert.False(details.ContainsKey("note"));
        Assert.False(details.ContainsKey("by"));
        Assert.Equal("R-1", (string)voided["originalTransactionId"]!);
        Assert.False(voided.ContainsKey("by"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(status);
        Assert.Equal("urn:loyalty:problem:" + type, (string?)problem["type"]);
        return problem;
    }
}

public sealed class SqliteCorrectionsApiTests(EngineFixture engine) : CorrectionsApiTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlCorrectionsApiTests(PostgreSqlEngineFixture engine)
    : CorrectionsApiTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;
