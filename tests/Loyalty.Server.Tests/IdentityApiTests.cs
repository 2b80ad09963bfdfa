using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Domain.Identity;

namespace Loyalty.Server.Tests;

/// <summary>Members' e-mail, phone and cards: unique across members, normalised, and how a till finds a member by them.</summary>
public sealed class IdentityApiTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string InUse = "urn:loyalty:problem:identifier-in-use";
    private const string NotFound = "urn:loyalty:problem:member-not-found";

    private HttpClient Till => engine.Host.Till();

    /// <summary>A GB mobile number of its own for each test (07700 900xxx is reserved for drama: not a valid number).</summary>
    private static string NewMobile() => $"07400 {Random.Shared.Next(100_000, 1_000_000)}";

    private static string E164(string mobile) => "+447400" + mobile[^6..];

    private static Task<HttpResponseMessage> Put(HttpClient client, string memberId, object body) =>
        client.PutAsJsonAsync($"/api/members/{memberId}", body);

    private Task<HttpResponseMessage> Lookup(string query, HttpClient? client = null) =>
        (client ?? Till).GetAsync($"/api/members/lookup?{query}");

    [Fact]
    public async Task Enrolled_with_a_phone_and_an_email_the_member_is_found_by_either_in_any_form()
    {
        var id = Api.NewMemberId();
        var mobile = NewMobile();
        var email = $"Ada.{id}@Example.ORG";
        var account = await (await Put(Till, id, new { name = "Ada", email = $"  {email} ", phone = mobile })).Json(HttpStatusCode.Created);
        Assert.Equal(email.ToLowerInvariant(), (string)account["email"]!);
        Assert.Equal(E164(mobile), (string)account["phone"]!);

        foreach (var query in new[]
                 {
                     $"phone={Uri.EscapeDataString(mobile)}", $"phone={Uri.EscapeDataString(E164(mobile))}",
                     $"phone={Uri.EscapeDataString("0044 7400 " + mobile[^6..])}", $"email={Uri.EscapeDataString(email.ToUpperInvariant())}",
                 })
        {
            var found = await (await Lookup(query)).Json();
            Assert.Equal(new JsonObject { ["memberId"] = id, ["name"] = "Ada" }.ToJsonString(), found.ToJsonString());
        }
        Assert.Equal(HttpStatusCode.OK, (await Lookup($"email={Uri.EscapeDataString(email)}", engine.Host.Support())).StatusCode);
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("email")]
    public async Task A_second_member_claiming_the_same_identifier_gets_409_and_nothing_changes(string field)
    {
        var (owner, other) = (Api.NewMemberId(), Api.NewMemberId());
        var value = field == "phone" ? NewMobile() : $"shared.{owner}@example.org";
        await (await Put(Till, owner, new Dictionary<string, string> { ["name"] = "Owner", [field] = value })).Json(HttpStatusCode.Created);
        await (await Put(Till, other, new { name = "Other", email = Api.EmailOf(other) })).Json(HttpStatusCode.Created);
        var otherBefore = await Till.AccountText(other);
        var fresh = $"fresh.{other}@example.org";

        var refused = await Put(engine.Host.Marketing(), other, new Dictionary<string, string>
        {
            ["name"] = "Renamed", ["email"] = field == "phone" ? fresh : value, ["phone"] = field == "phone" ? value : NewMobile(),
        });
        var problem = await refused.Json(HttpStatusCode.Conflict);
        Assert.Equal(InUse, (string)problem["type"]!);
        Assert.Equal(field, (string)problem["field"]!);

        Assert.Equal(otherBefore, await Till.AccountText(other));
        Assert.Equal(owner, (string)(await (await Lookup($"{field}={Uri.EscapeDataString(value)}")).Json())["memberId"]!);
        // What the refused call claimed first (its e-mail, when the phone was in use) is free again.
        Assert.Equal(NotFound, (string)(await (await Lookup($"email={fresh}")).Json(HttpStatusCode.NotFound))["type"]!);
        var unenrolled = Api.NewMemberId();
        Assert.Equal(HttpStatusCode.Conflict, (await Put(Till, unenrolled, new Dictionary<string, string> { ["name"] = "New", [field] = value })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Till.GetAsync($"/api/members/{unenrolled}")).StatusCode);
    }

    [Fact]
    public async Task A_changed_email_or_phone_frees_the_old_one_and_the_same_one_again_is_fine()
    {
        var (id, next) = (Api.NewMemberId(), Api.NewMemberId());
        var (oldPhone, newPhone) = (NewMobile(), NewMobile());
        await (await Put(Till, id, new { name = "Ada", email = $"old.{id}@example.org", phone = oldPhone })).Json(HttpStatusCode.Created);
        await (await Put(Till, id, new { name = "Ada", email = $"old.{id}@example.org", phone = oldPhone })).Json();

        var changed = await (await Put(engine.Host.Support(), id, new { name = "Ada L", email = $"new.{id}@example.org", phone = newPhone })).Json();
        Assert.Equal($"new.{id}@example.org".ToLowerInvariant(), (string)changed["email"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await Lookup($"email=old.{id}@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Lookup($"phone={Uri.EscapeDataString(oldPhone)}")).StatusCode);
        Assert.Equal(id, (string)(await (await Lookup($"email=new.{id}@example.org")).Json())["memberId"]!);
        await (await Put(Till, next, new { name = "Next", email = $"old.{id}@example.org", phone = oldPhone })).Json(HttpStatusCode.Created);
        Assert.Equal(next, (string)(await (await Lookup($"phone={Uri.EscapeDataString(oldPhone)}")).Json())["memberId"]!);
    }

    [Theory]
    [InlineData("""{"name":"Ada","email":"ada@example"}""", "email")]
    [InlineData("""{"name":"Ada","email":"not-an-email"}""", "email")]
    [InlineData("""{"name":"Ada","phone":"07911 12"}""", "phone")]
    [InlineData("""{"name":"Ada","phone":"call me"}""", "phone")]
    [InlineData("""{"name":"Ada","phone":"+999 1234 5678"}""", "phone")]
    public async Task A_malformed_identifier_is_a_400_naming_its_field_and_enrols_no_one(string body, string field)
    {
        var id = Api.NewMemberId();
        var problem = await (await Till.Send(HttpMethod.Put, $"/api/members/{id}", body)).Json(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(HttpStatusCode.NotFound, (await Till.GetAsync($"/api/members/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("", "query")]
    [InlineData("card=4111111111111111&phone=07911123456", "query")]
    [InlineData("name=Ada", "query")]
    [InlineData("card=4111111111111112", "card")]
    [InlineData("card=4111", "card")]
    [InlineData("card=4111111111111111&card=4111111111111111", "card")]
    [InlineData("phone=12", "phone")]
    [InlineData("email=ada", "email")]
    [InlineData("email=", "email")]
    public async Task A_lookup_needs_exactly_one_well_formed_identifier(string query, string field)
    {
        var problem = await (await Lookup(query)).Json(HttpStatusCode.BadRequest);
        Assert.Equal("urn:loyalty:problem:validation", (string)problem["type"]!);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task A_lookup_is_an_exact_match_only()
    {
        var id = Api.NewMemberId();
        await (await Put(Till, id, new { name = "Ada", email = $"exact.{id}@example.org" })).Json(HttpStatusCode.Created);
        var partial = await (await Lookup($"email=exact.{id[..^1]}@example.org")).Json(HttpStatusCode.NotFound);
        Assert.Equal(NotFound, (string)partial["type"]!);
        Assert.DoesNotContain(id, partial.ToJsonString());
    }

    [Fact]
    public async Task Cards_are_issued_bound_found_and_unbound()
    {
        var (id, other) = (Api.NewMemberId(), Api.NewMemberId());
        await (await Till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await Till.Enrol(other, "Other")).Json(HttpStatusCode.Created);

        var issued = await (await Till.PostAsync($"/api/members/{id}/cards", null)).Json(HttpStatusCode.Created);
        var card = (string)issued["cardNumber"]!;
        Assert.Equal(card, Identifiers.NormaliseCard(card));
        Assert.Equal(id, (string)(await (await Lookup($"card={card}")).Json())["memberId"]!);

        var printed = "4111 1111 1111 1111";
        var path = $"/api/members/{id}/cards/{Uri.EscapeDataString(printed)}";
        Assert.Equal("4111111111111111", (string)(await (await engine.Host.Support().PutAsync(path, null)).Json())["cardNumber"]!);
        Assert.Equal(HttpStatusCode.OK, (await Till.PutAsync(path, null)).StatusCode);
        var taken = await (await Till.PutAsync($"/api/members/{other}/cards/4111111111111111", null)).Json(HttpStatusCode.Conflict);
        Assert.Equal(InUse, (string)taken["type"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Till.DeleteAsync($"/api/members/{other}/cards/4111111111111111")).StatusCode);
        Assert.Equal(id, (string)(await (await Lookup("card=4111-1111-1111-1111")).Json())["memberId"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await Till.DeleteAsync($"/api/members/{id}/cards/4111111111111111")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Till.DeleteAsync($"/api/members/{id}/cards/4111111111111111")).StatusCode);
        Assert.Equal(NotFound, (string)(await (await Lookup("card=4111111111111111")).Json(HttpStatusCode.NotFound))["type"]!);
        Assert.Equal(HttpStatusCode.OK, (await Till.PutAsync($"/api/members/{other}/cards/4111111111111111", null)).StatusCode);
        Assert.Equal(other, (string)(await (await Lookup("card=4111111111111111")).Json())["memberId"]!);
        Assert.Equal(id, (string)(await (await Lookup($"card={card}")).Json())["memberId"]!);
    }

    [Fact]
    public async Task Card_calls_refuse_a_bad_check_digit_and_a_member_not_enrolled()
    {
        var id = Api.NewMemberId();
        await (await Till.Enrol(id)).Json(HttpStatusCode.Created);
        var bad = await (await Till.PutAsync($"/api/members/{id}/cards/4111111111111112", null)).Json(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["cardNumber"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await Till.DeleteAsync($"/api/members/{id}/cards/12345")).StatusCode);

        var nobody = Api.NewMemberId();
        foreach (var response in new[]
                 {
                     await Till.PostAsync($"/api/members/{nobody}/cards", null),
                     await Till.PutAsync($"/api/members/{nobody}/cards/5500000000000004", null),
                     await Till.DeleteAsync($"/api/members/{nobody}/cards/5500000000000004"),
                 })
            Assert.Equal(NotFound, (string)(await response.Json(HttpStatusCode.NotFound))["type"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Lookup("card=5500000000000004")).StatusCode);
    }
    [Fact]
    public async Task The_member_reads_their_own_cards_and_no_one_else_s()
    {
        var (id, other) = (Api.NewMemberId(), Api.NewMemberId());
        await (await Till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await Till.Enrol(other, "Other")).Json(HttpStatusCode.Created);
        var member = engine.Host.Client(null);
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(id));
        Assert.Empty((await (await member.GetAsync($"/api/members/{id}/cards")).Json())["cards"]!.AsArray());

        var first = (string)(await (await Till.PostAsync($"/api/members/{id}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;
        var printed = Identifiers.NewCardNumber();
        await (await engine.Host.Support().PutAsync($"/api/members/{id}/cards/{printed}", null)).Json();
        var cards = (await (await member.GetAsync($"/api/members/{id}/cards")).Json())["cards"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal(new[] { first, printed }.Order(), cards.Order());
        Assert.Equal(2, (await (await Till.GetAsync($"/api/members/{id}/cards")).Json())["cards"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/members/{other}/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Marketing().GetAsync($"/api/members/{id}/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).GetAsync($"/api/members/{id}/cards")).StatusCode);
        Assert.Equal(NotFound, (string)(await (await Till.GetAsync($"/api/members/{Api.NewMemberId()}/cards")).Json(HttpStatusCode.NotFound))["type"]!);
        Assert.Empty((await (await Till.GetAsync($"/api/members/{other}/cards")).Json())["cards"]!.AsArray());
    }

    [Fact]
    public async Task Only_tills_and_support_look_members_up_and_handle_cards()
    {
        var id = Api.NewMemberId();
        await (await Till.Enrol(id)).Json(HttpStatusCode.Created);
        var member = engine.Host.Client(null);
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(id));
        var query = $"email={Api.EmailOf(id)}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Lookup(query, engine.Host.Client(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Lookup(query, member)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Lookup(query, engine.Host.Marketing())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Lookup(query, engine.Host.Client(EngineHost.OperationsKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/members/{id}/cards", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Marketing().PostAsync($"/api/members/{id}/cards", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await engine.Host.Support().PostAsync($"/api/members/{id}/cards", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engine.Host.Support().GetAsync($"/api/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Support().Purchase(id, Api.Sale("T-1", "X", "food", 1, 1m))).StatusCode);
    }

    [Fact]
    public async Task The_lookup_route_is_no_member_id()
    {
        var problem = await (await Put(Till, "lookup", new { name = "Ada" })).Json(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["memberId"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await Till.GetAsync("/api/members/lookup")).StatusCode);
    }
}
