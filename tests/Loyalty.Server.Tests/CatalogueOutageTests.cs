using System.Net;
using Loyalty.Testing;

namespace Loyalty.Server.Tests;

/// <summary>
/// The catalogues on a real PostgreSQL server that goes away: a club or promotion change asked meanwhile cannot be
/// written nor read back; it is answered 503 and is not in effect once the server is back.
/// </summary>
public sealed class CatalogueOutageTests : IAsyncLifetime
{
    private PostgreSqlServer _server = null!;
    private EngineHost? _host;

    public async Task InitializeAsync() => _server = await PostgreSqlServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_change_refused_during_an_outage_is_not_in_effect_afterwards()
    {
        _host = new EngineHost(new Dictionary<string, string> { ["Provider"] = "PostgreSql", ["ConnectionString"] = _server.ConnectionString });
        var marketing = _host.Marketing();
        var clubId = Marketing.NewClubId();
        Assert.Equal(HttpStatusCode.Created, (await marketing.PutClub(clubId, "Before")).StatusCode);
        var promotionId = await marketing.CreatedPromotionId(Marketing.Promotion(new { kind = "bonusPoints", value = 5, sku = "OUTAGE" }));

        await _server.StopAsync();
        await (await marketing.PutClub(clubId, "After")).Problem(HttpStatusCode.ServiceUnavailable);
        await (await marketing.PutClub(Marketing.NewClubId(), "New")).Problem(HttpStatusCode.ServiceUnavailable);
        await (await marketing.PostAsync($"/api/promotions/{promotionId}/end", null)).Problem(HttpStatusCode.ServiceUnavailable);
        await _server.RestartAsync();

        var clubs = (await (await marketing.GetAsync("/api/clubs")).Json()).AsArray();
        Assert.Equal(["Before"], clubs.Select(c => (string)c!["name"]!));
        Assert.Equal("Before", (string)(await (await marketing.GetAsync($"/api/clubs/{clubId}")).Json())["name"]!);
        var promotion = await (await marketing.GetAsync($"/api/promotions/{promotionId}")).Json();
        Assert.Equal("running", (string)promotion["status"]!);
        var audit = (await (await marketing.GetAsync("/api/clubs/audit")).Json())["entries"]!.AsArray();
        Assert.Equal(["created"], audit.Select(e => (string)e!["action"]!));
    }
}
