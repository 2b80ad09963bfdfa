using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests.BackOffice;

/// <summary>
/// Merges over HTTP, on both databases: support merges a member into another once, the source's calls, identifiers and
/// watchers lead to the target afterwards, also after a restart, and each refusal has its own problem type.
/// </summary>
public abstract class MergesApiTests<TEngine>(TEngine engine) where TEngine : EngineFixture
{
    [Fact]
    public async Task Support_merges_a_member_once_and_the_sources_calls_and_identifiers_lead_to_the_target()
    {
        var (target, source) = (Api.NewMemberId(), Api.NewMemberId());
        var till = engine.Host.Till();
        var support = engine.Host.Support();
        await (await till.Enrol(target)).Json(HttpStatusCode.Created);
        await (await till.Enrol(source)).Json(HttpStatusCode.Created);
        await (await till.Purchase(target, Api.Sale("T-1", "TV", "electronics", 1, 40.00m))).Json();
        await (await till.Purchase(source, Api.Sale("S-1", "LATTE", "coffee", 10, 2.50m))).Json();
        var card = (string)(await (await till.PostAsync($"/api/members/{source}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;
        await using var watcher = Watcher.Create(engine.Host, EngineHost.TillKey);
        await watcher.StartAsync();
        await watcher.WatchAsync(source);

        await Problem(await till.Merge(target, new { transactionId = "MRG-1", sourceMemberId = source }), HttpStatusCode.Forbidden, "forbidden");
        var merged = await (await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = source })).Json();
        var replay = await (await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = source })).Json();

        Assert.Equal((target, source, 25L, 65L, false), ((string)merged["memberId"]!, (string)merged["sourceMemberId"]!,
            (long)merged["pointsMoved"]!, (long)merged["balance"]!, (bool)merged["duplicate"]!));
        Assert.True((bool)replay["duplicate"]!);
        await Watcher.Until(() => watcher.Balances.Any(b => b.Reason == "sync"));
        var sync = watcher.Balances.Single(b => b.Reason == "sync");
        Assert.Equal((source, target, 0L, -25L), (sync.MemberId, sync.MergedInto, sync.Balance, sync.Delta));

        var account = await till.Account(source);
        Assert.Equal((target, 65L), ((string)account["memberId"]!, (long)account["points"]!));
        Assert.Single(account["rewards"]!.AsArray());
        var sale = await (await till.Purchase(source, Api.Sale("S-2", "TV", "electronics", 1, 10.00m))).Json();
        Assert.Equal((target, 75L), ((string)sale["memberId"]!, (long)sale["balance"]!));
        Assert.False(((JsonObject)(await (await till.Purchase(target, Api.Sale("T-2", "TV", "electronics", 1, 1.00m))).Json())).ContainsKey("memberId"));
        Assert.True((bool)(await (await till.Purchase(source, Api.Sale("S-1", "LATTE", "coffee", 10, 2.50m))).Json())["duplicate"]!);
        Assert.Equal(target, (string)(await (await till.GetAsync($"/api/members/lookup?card={card}")).Json())["memberId"]!);
        Assert.Equal(target, (string)(await (await till.GetAsync($"/api/members/lookup?email={Api.EmailOf(source)}")).Json())["memberId"]!);
        Assert.Equal(target, (string)(await (await till.GetAsync($"/api/members/lookup?email={Api.EmailOf(target)}")).Json())["memberId"]!);
        var activity = await (await support.GetAsync($"/api/members/{source}/activity")).Json();
        Assert.Equal(target, (string)activity["memberId"]!);
        Assert.Contains(activity["entries"]!.AsArray(), e => (string)e!["kind"]! == "merged-in" && (long)e["points"]! == 25
            && (string?)e["details"]!["by"] == "Test support");

        await engine.RestartAsync();
        support = engine.Host.Support();
        Assert.True((bool)(await (await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = source })).Json())["duplicate"]!);
        Assert.Equal((target, 76L), ((string)(await engine.Host.Till().Account(source))["memberId"]!, (long)(await engine.Host.Till().Account(source))["points"]!));
    }

    [Fact]
    public async Task Each_refusal_is_its_own_problem_and_changes_nothing()
    {
        var (target, source, other) = (Api.NewMemberId(), Api.NewMemberId(), Api.NewMemberId());
        var till = engine.Host.Till();
        var support = engine.Host.Support();
        foreach (var id in new[] { target, source, other })
            await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Purchase(target, Api.Sale("T-1", "TV", "electronics", 1, 40.00m))).Json();
        await (await till.Purchase(source, Api.Sale("S-1", "TV", "electronics", 1, 25.00m))).Json();

        await Problem(await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = target }), HttpStatusCode.UnprocessableContent, "merge-into-self");
        await Problem(await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = Api.NewMemberId() }), HttpStatusCode.NotFound, "merge-source-not-found");
        await Problem(await support.Merge(Api.NewMemberId(), new { transactionId = "MRG-1", sourceMemberId = source }), HttpStatusCode.NotFound, "member-not-found");
        await Problem(await support.Merge(target, new { transactionId = "T-1", sourceMemberId = source }), HttpStatusCode.Conflict, "transaction-id-reused");
        await Problem(await support.Merge(target, new { transactionId = "MRG-1", sourceMemberId = "not valid!" }), HttpStatusCode.BadRequest, "validation");
        await Problem(await support.Merge(target, new { sourceMemberId = source }), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(40, (long)(await till.Account(target))["points"]!);
        Assert.Equal((source, 25L), ((string)(await till.Account(source))["memberId"]!, (long)(await till.Account(source))["points"]!));

        await (await support.Merge(other, new { transactionId = "MRG-2", sourceMemberId = source })).Json();
        await Problem(await support.Merge(target, new { transactionId = "MRG-3", sourceMemberId = source }), HttpStatusCode.Conflict, "source-already-merged");
        await Problem(await support.Merge(other, new { transactionId = "MRG-2", sourceMemberId = target }), HttpStatusCode.Conflict, "transaction-id-reused");
        await (await support.Merge(target, new { transactionId = "MRG-4", sourceMemberId = other })).Json();
        await Problem(await support.Merge(other, new { transactionId = "MRG-5", sourceMemberId = Api.NewMemberId() }), HttpStatusCode.Conflict, "member-merged-away");
        Assert.Equal(65, (long)(await till.Account(target))["points"]!);
    }

    private static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(status);
        Assert.Equal("urn:loyalty:problem:" + type, (string?)problem["type"]);
        return problem;
    }
}

internal static class MergeCalls
{
    public static Task<HttpResponseMessage> Merge(this HttpClient client, string targetId, object body) =>
        client.PostAsJsonAsync($"/api/members/{targetId}/merges", body);
}

public sealed class SqliteMergesApiTests(EngineFixture engine) : MergesApiTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlMergesApiTests(PostgreSqlEngineFixture engine)
    : MergesApiTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;
