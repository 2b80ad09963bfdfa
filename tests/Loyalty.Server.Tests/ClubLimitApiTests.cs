using System.Net;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose programme allows three clubs.</summary>
public sealed class ThreeClubsEngineFixture : EngineFixture
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Loyalty:Program:MaxClubs"] = "3" };
}

/// <summary>A new club beyond <c>Loyalty:Program:MaxClubs</c> is a 409 problem; the clubs there are can still change.</summary>
public sealed class ClubLimitApiTests(ThreeClubsEngineFixture engine) : IClassFixture<ThreeClubsEngineFixture>
{
    [Fact]
    public async Task A_new_club_beyond_the_maximum_is_a_conflict_and_changes_nothing()
    {
        var marketing = engine.Host.Marketing();
        var ids = Enumerable.Range(0, 3).Select(_ => Marketing.NewClubId()).ToArray();
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.Created, (await marketing.PutClub(id)).StatusCode);
        var auditBefore = await (await marketing.GetAsync("/api/clubs/audit")).Content.ReadAsStringAsync();

        var beyond = Marketing.NewClubId();
        var problem = await (await marketing.PutClub(beyond)).Problem(HttpStatusCode.Conflict);

        Assert.Equal("urn:loyalty:problem:club-limit-reached", (string?)problem["type"]);
        Assert.Contains("3", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync($"/api/clubs/{beyond}")).StatusCode);
        Assert.Equal(3, (await (await marketing.GetAsync("/api/clubs")).Json()).AsArray().Count);
        Assert.Equal(auditBefore, await (await marketing.GetAsync("/api/clubs/audit")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await marketing.PutClub(ids[0], "Renamed")).StatusCode);
    }
}
