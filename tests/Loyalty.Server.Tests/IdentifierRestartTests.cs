using System.Net;
using System.Net.Http.Json;

namespace Loyalty.Server.Tests;

/// <summary>Identifiers are kept in the engine's database: a restarted engine on the same SQLite file still knows them.</summary>
public sealed class IdentifierRestartTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Identifiers_survive_a_restart_of_the_engine_on_the_same_database()
    {
        var (id, other) = (Api.NewMemberId(), Api.NewMemberId());
        var till = engine.Host.Till();
        await (await till.PutAsJsonAsync($"/api/members/{id}", new { name = "Ada", email = $"kept.{id}@example.org", phone = "+44 7400 654321" }))
            .Json(HttpStatusCode.Created);
        var card = (string)(await (await till.PostAsync($"/api/members/{id}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;

        await engine.RestartAsync();
        till = engine.Host.Till();

        foreach (var query in new[] { $"card={card}", "phone=07400654321", $"email=KEPT.{id}@example.org" })
            Assert.Equal(id, (string)(await (await till.GetAsync($"/api/members/lookup?{query}")).Json())["memberId"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await till.PutAsJsonAsync($"/api/members/{other}", new { name = "B", phone = "07400 654321" })).StatusCode);
        await (await till.Enrol(other, "B")).Json(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await till.PutAsync($"/api/members/{other}/cards/{card}", null)).StatusCode);
    }
}
