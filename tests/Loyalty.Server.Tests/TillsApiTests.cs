using System.Net;
using System.Net.Http.Json;
using Loyalty.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose programme clock the tests move (session tokens expire on it).</summary>
public sealed class TillsFixture() : ClockedEngineFixture(new DateTimeOffset(2026, 4, 8, 9, 30, 0, TimeSpan.Zero));

public sealed class TillsApiTests(TillsFixture fixture) : IClassFixture<TillsFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task An_enrolled_tills_key_rings_up_a_purchase_and_the_ledger_records_the_till()
    {
        var (tillId, key) = await Host.EnrolTill("Counter 2", "S-02");
        Assert.StartsWith("till_", key);
        var till = Host.Client(key);
        var id = Api.NewMemberId();
        (await till.Enrol(id)).EnsureSuccessStatusCode();

        await (await till.Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 2, 3.50m))).Json();
        await (await till.Redeem(id, new { transactionId = "T-2", storeId = "S-02", points = 1 })).Json();
        await (await Host.Till().Purchase(id, Api.Sale("T-3", "LATTE", "coffee", 1, 3.50m))).Json();

        var entries = (await till.Activity(id)).Where(e => (string?)e!["kind"] is "purchase" or "redemption")
            .ToDictionary(e => (string)e!["transactionId"]!, e => e!);
        Assert.Equal(tillId, (string?)entries["T-1"]["tillId"]);
        Assert.Equal(tillId, (string?)entries["T-2"]["tillId"]);
        Assert.Null(entries["T-3"]["tillId"]); // a configured key records no till

        // A replay from the same till answers the stored outcome and adds no entry.
        Assert.True((bool)(await (await till.Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 2, 3.50m))).Json())["duplicate"]!);
        Assert.Single(await till.Activity(id), e => (string?)e!["transactionId"] == "T-1");
    }

    [Fact]
    public async Task The_list_shows_the_tills_but_never_a_key_or_digest()
    {
        var (tillId, key) = await Host.EnrolTill("Front desk", "S-07");
        var text = await (await Host.Operations().GetAsync("/api/tills")).Content.ReadAsStringAsync();
        var listed = Assert.Single((await (await Host.Operations().GetAsync("/api/tills")).Json()).AsArray(), t => (string?)t!["tillId"] == tillId)!;

        Assert.Equal("Front desk", (string?)listed["name"]);
        Assert.Equal("S-07", (string?)listed["storeId"]);
        Assert.Equal(fixture.Time.GetUtcNow(), listed["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(listed["revokedAt"]);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(Loyalty.Server.Tills.TillSecrets.Digest(key), text);
        Assert.DoesNotContain("digest", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_revoked_till_is_refused_within_5_seconds_and_listed_as_revoked()
    {
        var (tillId, key) = await Host.EnrolTill();
        var session = (string)(await Host.StartSession(key))["token"]!;
        Assert.Equal(HttpStatusCode.NotFound, await Host.SignInStatus(key));
        Assert.Equal(HttpStatusCode.NotFound, await Host.SignInStatus(session));

        Assert.Equal(HttpStatusCode.NoContent, await Host.Revoke(tillId));
        await Host.UntilRefused(key, TimeSpan.FromSeconds(5));
        await Host.UntilRefused(session, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NoContent, await Host.Revoke(tillId)); // again: still revoked, nothing changes

        var listed = Assert.Single((await (await Host.Operations().GetAsync("/api/tills")).Json()).AsArray(), t => (string?)t!["tillId"] == tillId)!;
        Assert.NotNull(listed["revokedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, await Host.SignInStatus(EngineHost.TillKey)); // a configured key still works
    }

    [Fact]
    public async Task Revoking_an_unknown_till_is_404_and_a_malformed_id_400()
    {
        var unknown = await Host.Operations().DeleteAsync("/api/tills/till-unknown");
        Assert.Equal("urn:loyalty:problem:till-not-found", (string?)(await unknown.Json(HttpStatusCode.NotFound))["type"]);
        var malformed = await Host.Operations().DeleteAsync("/api/tills/till%20one");
        Assert.NotNull((await malformed.Json(HttpStatusCode.BadRequest))["errors"]!["tillId"]);
    }

    [Theory]
    [InlineData("""{"storeId":"S-01"}""", "name")]
    [InlineData("""{"name":"","storeId":"S-01"}""", "name")]
    [InlineData("""{"name":"Counter","storeId":"S-01 "}""", "storeId")]
    [InlineData("""{"name":"Counter"}""", "storeId")]
    [InlineData("""{"name":"Counter\u0007","storeId":"S-01"}""", "name")]
    public async Task Bad_enrolments_are_400_naming_the_field_and_enrol_nothing(string body, string field)
    {
        var before = (await (await Host.Operations().GetAsync("/api/tills")).Json()).AsArray().Count;
        var answer = await Host.Operations().Send(HttpMethod.Post, "/api/tills", body);
        Assert.NotNull((await answer.Json(HttpStatusCode.BadRequest))["errors"]![field]);
        Assert.Equal(before, (await (await Host.Operations().GetAsync("/api/tills")).Json()).AsArray().Count);
    }

    [Fact]
    public async Task A_name_of_101_characters_is_refused_and_100_accepted()
    {
        var refused = await Host.Operations().PostAsJsonAsync("/api/tills", new { name = new string('n', 101), storeId = "S-01" });
        Assert.NotNull((await refused.Json(HttpStatusCode.BadRequest))["errors"]!["name"]);
        (await Host.Operations().PostAsJsonAsync("/api/tills", new { name = new string('n', 100), storeId = "S-01" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Only_operations_manage_tills()
    {
        var (_, key) = await Host.EnrolTill();
        foreach (var caller in new[] { EngineHost.TillKey, EngineHost.MarketingKey, key })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client(caller).GetAsync("/api/tills")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client(caller).PostAsJsonAsync("/api/tills", new { name = "x", storeId = "S-01" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client(caller).DeleteAsync("/api/tills/till-x")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client(null).GetAsync("/api/tills")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client("till_not-a-key").GetAsync("/api/tills")).StatusCode);
    }

    [Fact]
    public async Task A_session_token_works_like_the_key_until_it_expires()
    {
        var (tillId, key) = await Host.EnrolTill();
        var session = await Host.StartSession(key);
        var token = (string)session["token"]!;
        Assert.Equal(fixture.Time.GetUtcNow().AddHours(12), session["expiresAt"]!.GetValue<DateTimeOffset>());

        var id = Api.NewMemberId();
        (await Host.Client(token).Enrol(id)).EnsureSuccessStatusCode();
        await (await Host.Client(token).Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 1, 3.50m))).Json();
        Assert.Equal(tillId, (string?)Assert.Single(await Host.Till().Activity(id), e => (string?)e!["kind"] == "purchase")!["tillId"]);

        // A session cannot be stretched: only the key may be exchanged.
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client(token).PostAsync("/api/tills/sessions", null)).StatusCode);

        fixture.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, await Host.SignInStatus(token));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await Host.SignInStatus(token));
        Assert.Equal(HttpStatusCode.NotFound, await Host.SignInStatus(key)); // the key itself does not expire
    }

    [Fact]
    public async Task Sessions_are_for_enrolled_tills_only()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Till().PostAsync("/api/tills/sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Operations().PostAsync("/api/tills/sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Marketing().PostAsync("/api/tills/sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client(null).PostAsync("/api/tills/sessions", null)).StatusCode);
    }

    [Fact]
    public async Task An_enrolled_till_watches_on_the_hub_with_its_key_as_access_token()
    {
        var (_, key) = await Host.EnrolTill();
        var id = Api.NewMemberId();
        (await Host.Client(key).Enrol(id)).EnsureSuccessStatusCode();
        await using var watcher = Watcher.Create(Host, token: (string)(await Host.StartSession(key))["token"]!);
        await watcher.StartAsync();
        await watcher.WatchAsync(id);
        await (await Host.Client(key).Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 1, 3.50m))).Json();
        await Watcher.Until(() => !watcher.Balances.IsEmpty);
    }

    [Fact]
    public async Task A_revoked_tills_open_hub_connection_is_closed_within_5_seconds()
    {
        var (tillId, key) = await Host.EnrolTill();
        var id = Api.NewMemberId();
        (await Host.Client(key).Enrol(id)).EnsureSuccessStatusCode();
        await using var watcher = Watcher.Create(Host, token: key); // the key as the hub's access token
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await watcher.StartAsync();
        await watcher.WatchAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, await Host.Revoke(tillId));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await using var again = Watcher.Create(Host, token: key);
        await Assert.ThrowsAnyAsync<HttpRequestException>(again.StartAsync);
    }
}
