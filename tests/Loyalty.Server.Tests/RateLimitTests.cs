using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.Server.Tests;

/// <summary>
/// The engine with small limits that refill slowly (one call per 100 s), so that a test can spend a bucket and see
/// the next call refused, whatever the speed of the machine.
/// </summary>
public sealed class RateLimitedEngineFixture : EngineFixture
{
    /// <summary>A till key with a limit of its own, large: the tests set up and check with it.</summary>
    public const string OfficeKey = "test-office-key-0001";

    /// <summary>A till key whose own limit is a burst of 2.</summary>
    public const string SmallKey = "test-small-key-0001";

    public const int KeyBurst = 5;
    public const int SmallKeyBurst = 2;
    public const int MemberBurst = 3;
    public const int AnonymousBurst = 2;
    public const int HubCallBurst = 3;

    /// <summary>One call per 100 s: nothing refills during a test.</summary>
    private const string Slow = "0.01";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Loyalty:RateLimits:ApiKey:PermitsPerSecond"] = Slow,
        ["Loyalty:RateLimits:ApiKey:Burst"] = $"{KeyBurst}",
        ["Loyalty:RateLimits:MemberToken:PermitsPerSecond"] = Slow,
        ["Loyalty:RateLimits:MemberToken:Burst"] = $"{MemberBurst}",
        ["Loyalty:RateLimits:Anonymous:PermitsPerSecond"] = Slow,
        ["Loyalty:RateLimits:Anonymous:Burst"] = $"{AnonymousBurst}",
        ["Loyalty:RateLimits:HubCalls:PermitsPerSecond"] = Slow,
        ["Loyalty:RateLimits:HubCalls:Burst"] = $"{HubCallBurst}",
        ["Loyalty:Auth:ApiKeys:2:Key"] = OfficeKey,
        ["Loyalty:Auth:ApiKeys:2:Name"] = "Back office",
        ["Loyalty:Auth:ApiKeys:2:Role"] = "till",
        ["Loyalty:Auth:ApiKeys:2:PermitsPerSecond"] = "1000",
        ["Loyalty:Auth:ApiKeys:2:Burst"] = "1000",
        ["Loyalty:Auth:ApiKeys:3:Key"] = SmallKey,
        ["Loyalty:Auth:ApiKeys:3:Name"] = "Small till",
        ["Loyalty:Auth:ApiKeys:3:Role"] = "till",
        ["Loyalty:Auth:ApiKeys:3:PermitsPerSecond"] = Slow,
        ["Loyalty:Auth:ApiKeys:3:Burst"] = $"{SmallKeyBurst}",
    };
}

/// <summary>Rate limits per API key, per member token and per anonymous address, and per hub connection.</summary>
public sealed class RateLimitTests(RateLimitedEngineFixture engine) : IClassFixture<RateLimitedEngineFixture>
{
    private HttpClient Office => engine.Host.Client(RateLimitedEngineFixture.OfficeKey);

    [Fact]
    public async Task The_sale_over_a_keys_limit_gets_429_and_changes_nothing_and_other_keys_go_on()
    {
        var id = await EnrolledMemberAsync();
        var till = engine.Host.Till(); // only this test uses the till key

        for (var i = 1; i <= RateLimitedEngineFixture.KeyBurst; i++)
            await (await till.Purchase(id, Api.Sale($"T-{i}", "BOOK", "books", 1, 10m))).Json();
        var refused = await till.Purchase(id, Api.Sale("T-over", "BOOK", "books", 1, 10m));

        await AssertRateLimited(refused, expectedRetryAfterSeconds: 100);
        Assert.Equal(10 * RateLimitedEngineFixture.KeyBurst, (int)(await Office.Account(id))["points"]!);
        Assert.DoesNotContain(await Office.Activity(id), e => (string?)e!["transactionId"] == "T-over");
        await (await Office.Purchase(id, Api.Sale("T-office", "BOOK", "books", 1, 10m))).Json();
    }

    [Fact]
    public async Task Lookups_are_rate_limited_like_every_call()
    {
        var support = engine.Host.Support(); // only this test uses the support key
        for (var i = 0; i < RateLimitedEngineFixture.KeyBurst; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync("/api/members/lookup?card=4111111111111111")).StatusCode);

        await AssertRateLimited(await support.GetAsync("/api/members/lookup?card=4111111111111111"), expectedRetryAfterSeconds: 100);
    }

    [Fact]
    public async Task A_key_with_a_limit_of_its_own_is_held_to_it()
    {
        var id = await EnrolledMemberAsync();
        var small = engine.Host.Client(RateLimitedEngineFixture.SmallKey);

        for (var i = 0; i < RateLimitedEngineFixture.SmallKeyBurst; i++)
            Assert.Equal(HttpStatusCode.OK, (await small.GetAsync($"/api/members/{id}")).StatusCode);

        await AssertRateLimited(await small.GetAsync($"/api/members/{id}"), expectedRetryAfterSeconds: 100);
    }

    [Fact]
    public async Task A_member_token_is_limited_on_its_own_and_its_hub_connection_counts_too()
    {
        var (me, other) = (await EnrolledMemberAsync(), await EnrolledMemberAsync());
        var mine = MemberClient(me);

        for (var i = 0; i < RateLimitedEngineFixture.MemberBurst; i++)
            Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/members/{me}")).StatusCode);

        await AssertRateLimited(await mine.GetAsync($"/api/members/{me}"), expectedRetryAfterSeconds: 100);
        await using var watcher = Watcher.Create(engine.Host, token: Watcher.MemberToken(me));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(watcher.StartAsync);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MemberClient(other).GetAsync($"/api/members/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Office.GetAsync($"/api/members/{me}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address_and_health_checks_never()
    {
        var anonymous = engine.Host.Client(null);
        for (var i = 0; i < RateLimitedEngineFixture.AnonymousBurst; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/members/{Api.NewMemberId()}")).StatusCode);

        await AssertRateLimited(await anonymous.GetAsync($"/api/members/{Api.NewMemberId()}"), expectedRetryAfterSeconds: 100);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        }
    }

    [Fact]
    public async Task A_hub_connection_is_held_to_its_call_limit_stays_open_and_others_are_not_affected()
    {
        var id = await EnrolledMemberAsync();
        await using var busy = Watcher.Create(engine.Host, apiKey: RateLimitedEngineFixture.OfficeKey);
        await using var calm = Watcher.Create(engine.Host, apiKey: RateLimitedEngineFixture.OfficeKey);
        await busy.StartAsync();
        await calm.StartAsync();

        for (var i = 0; i < RateLimitedEngineFixture.HubCallBurst; i++)
            Assert.Equal(id, (await busy.WatchAsync(id)).MemberId);
        var refused = await Assert.ThrowsAsync<HubException>(() => busy.WatchAsync(id));

        Assert.Contains("Too many calls on this connection", refused.Message);
        Assert.Equal(HubConnectionState.Connected, busy.Connection.State);
        Assert.Equal(id, (await calm.WatchAsync(id)).MemberId);
    }

    private async Task<string> EnrolledMemberAsync()
    {
        var id = Api.NewMemberId();
        await (await Office.Enrol(id)).Json(HttpStatusCode.Created);
        return id;
    }

    private HttpClient MemberClient(string memberId)
    {
        var client = engine.Host.Client(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Watcher.MemberToken(memberId));
        return client;
    }

    private static async Task AssertRateLimited(HttpResponseMessage response, int expectedRetryAfterSeconds)
    {
        var problem = await response.Json(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:loyalty:problem:rate-limited", (string?)problem["type"]);
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal(TimeSpan.FromSeconds(expectedRetryAfterSeconds), response.Headers.RetryAfter?.Delta);
    }
}
