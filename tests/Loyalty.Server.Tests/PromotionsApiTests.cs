using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>The promotions API: created, listed, read, ended and audited by marketing; bad definitions refused.</summary>
public sealed class PromotionsApiTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly object Bonus = new { kind = "bonusPoints", value = 50, sku = "CAKE" };

    [Fact]
    public async Task Marketing_creates_lists_reads_and_ends_a_promotion_and_every_change_is_audited()
    {
        var marketing = engine.Host.Marketing();

        var response = await marketing.CreatePromotion(Marketing.Promotion(Bonus, name: "Cake bonus", limitPerMember: 3, budgetPoints: 5000));
        var created = await response.Json(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        Assert.StartsWith("P-", id);
        Assert.Equal($"/api/promotions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("running", "Test marketing", 3, 5000L), ((string)created["status"]!, (string)created["createdBy"]!,
            (int)created["limitPerMember"]!, (long)created["budgetPoints"]!));
        Assert.Equal(("bonusPoints", 50m, "CAKE"), ((string)created["effect"]!["kind"]!, (decimal)created["effect"]!["value"]!,
            (string)created["effect"]!["sku"]!));
        Assert.Equal("Cake bonus", (string)(await (await marketing.GetAsync($"/api/promotions/{id}")).Json())["name"]!);
        Assert.Contains(id, await Ids(marketing, "?active=true"));
        Assert.DoesNotContain(id, await Ids(marketing, "?active=false"));

        var ended = await (await marketing.PostAsync($"/api/promotions/{id}/end", null)).Json();
        var endedAgain = await (await marketing.PostAsync($"/api/promotions/{id}/end", null)).Json();

        Assert.Equal(("ended", "Test marketing"), ((string)ended["status"]!, (string)ended["endedBy"]!));
        Assert.Equal((DateTimeOffset)ended["endedAt"]!, (DateTimeOffset)endedAgain["endedAt"]!);
        Assert.DoesNotContain(id, await Ids(marketing, "?active=true"));
        Assert.Contains(id, await Ids(marketing, "?active=false"));
        Assert.Contains(id, await Ids(marketing, ""));

        var audit = (await (await marketing.GetAsync("/api/promotions/audit")).Json())["entries"]!.AsArray()
            .Where(e => (string)e!["promotion"]!["id"]! == id).Reverse().ToArray();
        Assert.Equal(["created", "ended"], audit.Select(e => (string)e!["action"]!));
        Assert.All(audit, e => Assert.Equal("Test marketing", (string)e!["by"]!));
        Assert.All(audit, e => Assert.True(DateTimeOffset.UtcNow - (DateTimeOffset)e!["at"]! < TimeSpan.FromMinutes(5)));
        Assert.Equal("Cake bonus", (string)audit[0]!["promotion"]!["name"]!);
        Assert.NotNull(audit[1]!["promotion"]!["endedAt"]);
    }

    public static TheoryData<string, string> BadDefinitions => new()
    {
        { "{}", "name" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR" }""", "effect" },
        { """{ "name": "X", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5 } }""", "startsAt" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "free-money", "value": 5 } }""", "effect.kind" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "multiplier", "value": 0.5 } }""", "effect.value" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "multiplier", "value": 11 } }""", "effect.value" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints" } }""", "effect.value" },
        { """{ "name": "X", "startsAt": "2029-06-01T00:00:00Z", "endsAt": "2029-01-01T00:00:00Z", "effect": { "kind": "bonusPoints", "value": 5 } }""", "endsAt" },
        { """{ "name": "X", "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2021-01-01T00:00:00Z", "effect": { "kind": "bonusPoints", "value": 5 } }""", "endsAt" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "audience": { "minTier": "Platinum" }, "effect": { "kind": "bonusPoints", "value": 5 } }""", "audience.minTier" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "audience": { "segment": "vip" }, "effect": { "kind": "bonusPoints", "value": 5 } }""", "audience.segment" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "audience": { "clubId": "no-such-club" }, "effect": { "kind": "bonusPoints", "value": 5 } }""", "audience.clubId" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "audience": { "clubId": "bad id!" }, "effect": { "kind": "bonusPoints", "value": 5 } }""", "audience.clubId" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusStamps", "value": 2, "category": "tea" } }""", "effect.category" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5, "minSpend": -1 } }""", "effect.minSpend" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5 }, "limitPerMember": 0 }""", "limitPerMember" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5 }, "budgetPoints": -5 }""", "budgetPoints" },
        { """{ "name": "X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "9999-12-31T23:59:59Z", "effect": { "kind": "bonusPoints", "value": 5 } }""", "endsAt" },
        { """{ "name": "X", "startsAt": "0001-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5 } }""", "startsAt" },
        { """{ "name": " X", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "IN-A-YEAR", "effect": { "kind": "bonusPoints", "value": 5 } }""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task A_bad_definition_is_a_validation_problem_naming_the_field_and_creates_nothing(string body, string field)
    {
        var marketing = engine.Host.Marketing();
        var before = (await Ids(marketing, "")).Count;

        // Each body is valid but for its one field; its end is a year from the engine's now, whatever today is.
        body = body.Replace("IN-A-YEAR", DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var problem = await (await marketing.Send(HttpMethod.Post, "/api/promotions", body)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("urn:loyalty:problem:validation", (string)problem["type"]!);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"no error for '{field}': {problem.ToJsonString()}");
        Assert.Equal(before, (await Ids(marketing, "")).Count);
    }

    [Theory]
    [InlineData("POST", "/api/promotions", "not json")]
    [InlineData("POST", "/api/promotions", """{ "name": 5 }""")]
    [InlineData("POST", "/api/promotions", null)]
    [InlineData("GET", "/api/promotions?active=maybe", null)]
    public async Task Malformed_requests_are_client_errors(string method, string path, string? body)
    {
        var response = await engine.Host.Marketing().Send(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/promotions/P-999999")]
    [InlineData("POST", "/api/promotions/P-999999/end")]
    [InlineData("GET", "/api/promotions/not%20an%20id")]
    public async Task An_unknown_promotion_is_a_404_problem(string method, string path)
    {
        var problem = await (await engine.Host.Marketing().Send(new HttpMethod(method), path, null)).Problem(HttpStatusCode.NotFound);

        Assert.Equal("urn:loyalty:problem:promotion-not-found", (string)problem["type"]!);
    }

    [Theory]
    [InlineData("POST", "/api/promotions")]
    [InlineData("GET", "/api/promotions")]
    [InlineData("GET", "/api/promotions/audit")]
    [InlineData("GET", "/api/promotions/P-000001")]
    [InlineData("POST", "/api/promotions/P-000001/end")]
    public async Task Only_marketing_may_manage_promotions(string method, string path)
    {
        var body = method == "POST" && path == "/api/promotions" ? """{ "name": "X" }""" : null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Send(new HttpMethod(method), path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Till().Send(new HttpMethod(method), path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.MemberApp("M-1").Send(new HttpMethod(method), path, body)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_clubs_and_promotions()
    {
        var document = await (await engine.Host.Client(null).GetAsync("/openapi/v1.json")).Json();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();

        Assert.Contains("/api/promotions", paths);
        Assert.Contains("/api/promotions/{promotionId}/end", paths);
        Assert.Contains("/api/promotions/audit", paths);
        Assert.Contains("/api/clubs/{clubId}", paths);
        Assert.Contains("/api/clubs/{clubId}/members/{memberId}", paths);
        Assert.Contains("/api/members/{memberId}/promotions", paths);
    }

    private static async Task<List<string>> Ids(HttpClient marketing, string query) =>
        (await (await marketing.GetAsync("/api/promotions" + query)).Json()).AsArray().Select(p => (string)p!["id"]!).ToList();
}
