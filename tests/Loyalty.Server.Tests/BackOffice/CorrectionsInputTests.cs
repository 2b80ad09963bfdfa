using System.Net;

namespace Loyalty.Server.Tests.BackOffice;

/// <summary>Who may make corrections, and hostile bodies: each refused with its problem, and the account left as it was.</summary>
public sealed class CorrectionsInputTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData(null, "adjustments", HttpStatusCode.Unauthorized)]
    [InlineData(EngineHost.TillKey, "adjustments", HttpStatusCode.Forbidden)]
    [InlineData(EngineHost.MarketingKey, "adjustments", HttpStatusCode.Forbidden)]
    [InlineData(EngineHost.OperationsKey, "adjustments", HttpStatusCode.Forbidden)]
    [InlineData(null, "voids", HttpStatusCode.Unauthorized)]
    [InlineData(EngineHost.MarketingKey, "voids", HttpStatusCode.Forbidden)]
    [InlineData(EngineHost.OperationsKey, "voids", HttpStatusCode.Forbidden)]
    public async Task Only_support_adjusts_and_only_tills_and_support_void(string? key, string call, HttpStatusCode expected)
    {
        var (till, id) = await MemberWithARedemptionAsync();
        var before = await till.AccountText(id);
        var body = call == "adjustments" ? """{"transactionId":"A-1","points":5,"reason":"goodwill"}""" : """{"transactionId":"V-1","originalTransactionId":"R-1"}""";

        var response = await engine.Host.Client(key).Send(HttpMethod.Post, $"/api/members/{id}/{call}", body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await till.AccountText(id));
    }

    [Fact]
    public async Task A_member_cannot_adjust_or_void_their_own_account()
    {
        var (till, id) = await MemberWithARedemptionAsync();
        var member = engine.Host.Client(null);
        member.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Watcher.MemberToken(id));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.Adjust(id, new { transactionId = "A-1", points = 5, reason = "goodwill" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Void(id, new { transactionId = "V-1", originalTransactionId = "R-1" })).StatusCode);
        Assert.Equal(30, (int)(await till.Account(id))["points"]!);
    }

    public static TheoryData<string, string?, int> Cases() => new()
    {
        { "adjustments", "{", 400 },
        { "adjustments", "[]", 400 },
        { "adjustments", "null", 400 },
        { "adjustments", null, 400 },
        { "adjustments", """{"points":5,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":0,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":"5","reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":2.5,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":1e30,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":-9223372036854775808,"reason":"fraud"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":9223372036854775807,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":"bribe"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":"Goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":["goodwill"]}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":"goodwill","note":"a\u0000b"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":"goodwill","note":"x\u202Ey"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":5,"reason":"goodwill","note":" padded"}""", 400 },
        { "adjustments", "{\"transactionId\":\"A-1\",\"points\":5,\"reason\":\"goodwill\",\"note\":\"" + new string('n', 201) + "\"}", 400 },
        { "adjustments", """{"transactionId":"A-1\n","points":5,"reason":"goodwill"}""", 400 },
        { "adjustments", "{\"transactionId\":\"" + new string('x', 65) + "\",\"points\":5,\"reason\":\"goodwill\"}", 400 },
        { "adjustments", """{"transactionId":"A-1","transactionId":"A-2","points":5,"reason":"goodwill"}""", 400 },
        { "adjustments", """{"transactionId":"A-1","points":-31,"reason":"fraud"}""", 409 },
        { "adjustments", """{"transactionId":"A-1","points":10001,"reason":"goodwill"}""", 422 },
        { "adjustments", """{"transactionId":"A-1","points":-1000000000,"reason":"fraud"}""", 422 },
        { "adjustments", """{"transactionId":"T-1","points":5,"reason":"goodwill"}""", 409 },
        { "voids", "{", 400 },
        { "voids", "null", 400 },
        { "voids", null, 400 },
        { "voids", """{"transactionId":"V-1"}""", 400 },
        { "voids", """{"originalTransactionId":"R-1"}""", 400 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":""}""", 400 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":"R-1\u0000"}""", 400 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":7}""", 400 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":["R-1"]}""", 400 },
        { "voids", "{\"transactionId\":\"V-1\",\"originalTransactionId\":\"" + new string('r', 65) + "\"}", 400 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":"R-404"}""", 422 },
        { "voids", """{"transactionId":"V-1","originalTransactionId":"T-1"}""", 422 },
        { "voids", """{"transactionId":"T-1","originalTransactionId":"R-1"}""", 409 },
        { "voids", """{"transactionId":"R-1","originalTransactionId":"R-1"}""", 409 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_correction_gets_its_4xx_and_changes_nothing(string call, string? body, int expected)
    {
        var (till, id) = await MemberWithARedemptionAsync();
        var before = await till.AccountText(id);

        var response = await engine.Host.Support().Send(HttpMethod.Post, $"/api/members/{id}/{call}", body);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await till.AccountText(id));
        Assert.Equal(3, (await till.Activity(id)).Count); // enrolled, T-1, R-1
    }

    [Fact]
    public async Task A_correction_for_a_member_not_enrolled_is_404()
    {
        var id = Api.NewMemberId();
        var support = engine.Host.Support();
        Assert.Equal(HttpStatusCode.NotFound, (await support.Adjust(id, new { transactionId = "A-1", points = 5, reason = "goodwill" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.Void(id, new { transactionId = "V-1", originalTransactionId = "R-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/api/members/{id}")).StatusCode);
    }

    private async Task<(HttpClient Till, string Id)> MemberWithARedemptionAsync()
    {
        var till = engine.Host.Till();
        var id = Api.NewMemberId();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Purchase(id, Api.Sale("T-1", "A", "food", 8, 5.00m))).Json();
        await (await till.Redeem(id, new { transactionId = "R-1", points = 10 })).Json();
        return (till, id);
    }
}
