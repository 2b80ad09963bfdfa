using System.Net;
using System.Net.Http.Json;

namespace Loyalty.Server.Tests;

/// <summary>
/// Member ids that read as one hexadecimal number or one GUID ("10" and "010", "abc" and "ABC") are different members,
/// with an account each, before and after a restart of the engine.
/// </summary>
public sealed class MemberIdSpellingTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static object Basket(string transactionId) => new
    {
        transactionId, storeId = "S-01",
        lines = new[] { new { sku = "BOOK", category = "books", quantity = 2, unitPrice = 10.00m } },
    };

    [Fact]
    public async Task Ids_that_spell_one_number_are_different_members_with_accounts_of_their_own()
    {
        var hex = "ab" + Guid.NewGuid().ToString("N")[..6];
        var guid = Guid.NewGuid().ToString("N");
        var till = engine.Host.Till();
        await (await till.Enrol(hex)).Json(HttpStatusCode.Created);
        await (await till.Purchase(hex, Basket("T-1"))).Json();
        await (await till.Enrol(guid)).Json(HttpStatusCode.Created);

        foreach (var other in new[] { "0" + hex, hex.ToUpperInvariant(), guid.ToUpperInvariant() })
            await (await till.GetAsync($"/api/members/{other}")).Json(HttpStatusCode.NotFound);
        var upper = hex.ToUpperInvariant();
        await (await till.PutAsJsonAsync($"/api/members/{upper}", new { name = "Bea" })).Json(HttpStatusCode.Created);
        await (await till.Purchase(upper, Basket("T-1"))).Json(); // its own T-1: not a replay of the other member's

        await engine.RestartAsync();
        till = engine.Host.Till();
        var first = await (await till.GetAsync($"/api/members/{hex}")).Json();
        var second = await (await till.GetAsync($"/api/members/{upper}")).Json();
        Assert.Equal(("Ada", "Bea"), ((string?)first["name"], (string?)second["name"]));
        Assert.Equal((long)first["points"]!, (long)second["points"]!);
        Assert.True((long)first["points"]! > 0);
        Assert.Equal((long)first["ledgerSequence"]!, (long)second["ledgerSequence"]!);
        await (await till.GetAsync($"/api/members/{guid}")).Json();
        await (await till.GetAsync($"/api/members/{guid.ToUpperInvariant()}")).Json(HttpStatusCode.NotFound);
    }
}
