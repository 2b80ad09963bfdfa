using System.Net;

namespace Loyalty.Server.Tests;

public sealed class AccessTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-configured-key", HttpStatusCode.Unauthorized)]
    [InlineData(EngineHost.MarketingKey, HttpStatusCode.Forbidden)]
    public async Task Money_moving_calls_need_a_till_key(string? key, HttpStatusCode expected)
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);

        var response = await engine.Host.Client(key).Purchase(id, Api.Sale("T-1", "X", "food", 1, 10m));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (int)(await engine.Host.Till().Account(id))["points"]!);
    }

    [Fact]
    public async Task Marketing_can_enrol_and_read_but_not_redeem()
    {
        var id = Api.NewMemberId();
        var marketing = engine.Host.Marketing();
        Assert.Equal(HttpStatusCode.Created, (await marketing.Enrol(id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketing.GetAsync($"/api/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketing.GetAsync($"/api/members/{id}/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.Redeem(id, new { transactionId = "R", points = 1 })).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_are_public()
    {
        var anonymous = engine.Host.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).Json();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/api/members/{memberId}/purchases", paths);
        Assert.Contains("/api/members/{memberId}/activity", paths);
        Assert.Contains("/api/members/{memberId}/adjustments", paths);
        Assert.Contains("/api/members/{memberId}/voids", paths);
        Assert.NotNull(document["components"]!["securitySchemes"]!["ApiKey"]);
        var purchase = document["paths"]!["/api/members/{memberId}/purchases"]!["post"]!["responses"]!;
        Assert.NotNull(purchase["429"]!["headers"]!["Retry-After"]);
        Assert.NotNull(purchase["503"]!["headers"]!["Retry-After"]);
        Assert.Contains("member-erased", (string?)purchase["410"]!["description"]);
    }
}
