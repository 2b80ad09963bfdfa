using System.Net;

namespace Loyalty.Server.Tests;

/// <summary>The clubs API: marketing creates and updates clubs; members join and leave (marketing for anyone, a member for themself).</summary>
public sealed class ClubsApiTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Marketing_creates_then_updates_a_club_which_everyone_signed_in_can_list_and_the_changes_are_audited()
    {
        var marketing = engine.Host.Marketing();
        var clubId = Marketing.NewClubId();

        var created = await marketing.PutClub(clubId);
        var updated = await (await marketing.PutClub(clubId, "Coffee Club", "Now with tea")).Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/clubs/{clubId}", created.Headers.Location?.OriginalString);
        Assert.Equal("Now with tea", (string)updated["description"]!);
        foreach (var reader in new[] { marketing, engine.Host.Till(), engine.Host.MemberApp("M-1") })
        {
            var clubs = (await (await reader.GetAsync("/api/clubs")).Json()).AsArray();
            Assert.Contains(clubs, c => (string)c!["clubId"]! == clubId && (string)c["name"]! == "Coffee Club");
            Assert.Equal(clubId, (string)(await (await reader.GetAsync($"/api/clubs/{clubId}")).Json())["clubId"]!);
        }
        var audit = (await (await marketing.GetAsync("/api/clubs/audit")).Json())["entries"]!.AsArray()
            .Where(e => (string)e!["club"]!["clubId"]! == clubId).ToArray();
        Assert.Equal([("updated", "Test marketing"), ("created", "Test marketing")], audit.Select(e => ((string)e!["action"]!, (string)e["by"]!)));
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{ "name": "" }""", "name")]
    [InlineData("""{ "name": "Club", "description": "\u0007" }""", "description")]
    public async Task A_bad_club_is_a_validation_problem(string body, string field)
    {
        var problem = await (await engine.Host.Marketing().Send(HttpMethod.Put, $"/api/clubs/{Marketing.NewClubId()}", body))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("bad%20id")]
    public async Task A_bad_club_id_is_a_validation_problem_and_creates_nothing(string clubId)
    {
        var problem = await (await engine.Host.Marketing().PutClub(clubId)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("clubId"));
    }

    [Fact]
    public async Task Only_marketing_creates_clubs_and_reads_their_audit()
    {
        var clubId = Marketing.NewClubId();
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).PutClub(clubId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Till().PutClub(clubId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.MemberApp("M-1").PutClub(clubId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Till().GetAsync("/api/clubs/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).GetAsync("/api/clubs")).StatusCode);
        Assert.Equal("urn:loyalty:problem:club-not-found",
            (string)(await (await engine.Host.Marketing().GetAsync($"/api/clubs/{clubId}")).Problem(HttpStatusCode.NotFound))["type"]!);
    }

    [Fact]
    public async Task Marketing_enrols_any_member_a_member_only_themself_and_the_account_shows_the_clubs()
    {
        var (marketing, till) = (engine.Host.Marketing(), engine.Host.Till());
        var (coffee, tea) = (Marketing.NewClubId(), Marketing.NewClubId());
        await marketing.PutClub(coffee);
        await marketing.PutClub(tea, "Tea Club");
        var (me, other) = (Api.NewMemberId(), Api.NewMemberId());
        await till.Enrol(me);
        await till.Enrol(other);
        var app = engine.Host.MemberApp(me);

        var joined = await (await marketing.Join(coffee, me)).Json();
        var again = await (await marketing.Join(coffee, me)).Json();
        var self = await (await app.Join(tea, me)).Json();

        Assert.Equal((true, true), ((bool)joined["member"]!, (bool)joined["changed"]!));
        Assert.False((bool)again["changed"]!);
        Assert.Equal([coffee, tea], self["clubs"]!.AsArray().Select(c => (string)c!));
        Assert.Equal([coffee, tea], (await app.Account(me))["clubs"]!.AsArray().Select(c => (string)c!));
        Assert.Contains(await till.Activity(me), e => (string)e!["kind"]! == "club-joined" && (string)e["description"]! == "Joined Tea Club");

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Join(coffee, other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Leave(coffee, other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await till.Join(coffee, other)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Join(coffee, other)).StatusCode);
        Assert.Empty((await till.Account(other))["clubs"]!.AsArray());

        var left = await (await app.Leave(coffee, me)).Json();
        Assert.Equal((false, true), ((bool)left["member"]!, (bool)left["changed"]!));
        Assert.False((bool)(await (await marketing.Leave(coffee, me)).Json())["changed"]!);
        Assert.Equal([tea], (await till.Account(me))["clubs"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Joining_an_unknown_club_or_as_an_unknown_member_is_a_404_and_bad_ids_are_400()
    {
        var marketing = engine.Host.Marketing();
        var clubId = Marketing.NewClubId();
        await marketing.PutClub(clubId);
        var member = Api.NewMemberId();
        await engine.Host.Till().Enrol(member);

        Assert.Equal("urn:loyalty:problem:club-not-found",
            (string)(await (await marketing.Join("no-such-club", member)).Problem(HttpStatusCode.NotFound))["type"]!);
        Assert.Equal("urn:loyalty:problem:member-not-found",
            (string)(await (await marketing.Join(clubId, Api.NewMemberId())).Problem(HttpStatusCode.NotFound))["type"]!);
        Assert.True((await (await marketing.Join("bad%20id", member)).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("clubId"));
        Assert.True((await (await marketing.Leave(clubId, "bad%20id")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("memberId"));
    }
}
