using System.Security.Claims;
using System.Net;
using System.Net.Http.Headers;
using Loyalty.Grains.Watching;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests;

/// <summary>The real-time gateway on a real host: who may watch whom, what arrives, in what order, and cleanup.</summary>
public sealed class HubTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        await using var watcher = Watcher.Create(engine.Host);
        var error = await Assert.ThrowsAsync<HttpRequestException>(watcher.StartAsync);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_till_key_given_as_the_access_token_is_accepted()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, token: EngineHost.TillKey);
        await watcher.StartAsync();
        Assert.Equal(id, (await watcher.WatchAsync(id)).MemberId);
    }

    [Fact]
    public async Task A_marketing_key_cannot_watch()
    {
        await using var watcher = Watcher.Create(engine.Host, apiKey: EngineHost.MarketingKey);
        var error = await Assert.ThrowsAsync<HttpRequestException>(watcher.StartAsync);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task A_support_key_watches_any_enrolled_member_and_sees_a_sale_made_elsewhere()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, apiKey: EngineHost.SupportKey);
        await watcher.StartAsync();

        Assert.Equal(id, (await watcher.WatchAsync(id)).MemberId);
        await (await engine.Host.Till().Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 2, 3.20m))).Json();
        await Watcher.Until(() => !watcher.Balances.IsEmpty);
        Assert.Equal(6, watcher.Balances.Single().Balance);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        await using var watcher = Watcher.Create(engine.Host, token: Watcher.MemberToken("M-1", "another-signing-key-of-32-characters-or-more"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(watcher.StartAsync);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_member_watches_their_own_account_and_no_other()
    {
        var (me, other) = (Api.NewMemberId(), Api.NewMemberId());
        await engine.Host.Till().Enrol(me);
        await engine.Host.Till().Enrol(other);
        await using var watcher = Watcher.Create(engine.Host, token: Watcher.MemberToken(me));
        await watcher.StartAsync();

        var account = await watcher.WatchAsync(me);
        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(other));

        Assert.Equal(me, account.MemberId);
        Assert.Contains("only their own account", refused.Message);
    }

    [Fact]
    public async Task A_till_watches_any_enrolled_member_but_not_an_unknown_one()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, apiKey: EngineHost.TillKey);
        await watcher.StartAsync();

        Assert.Equal(id, (await watcher.WatchAsync(id)).MemberId);
        var unknown = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(Api.NewMemberId()));
        var malformed = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync("M\u0001"));
        var trailingNewline = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(id + "\n"));
        Assert.Contains("is not enrolled", unknown.Message);
        Assert.Contains("'memberId' must be", malformed.Message);
        Assert.Contains("'memberId' must be", trailingNewline.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_purchase_reaches_the_watcher_after_it_is_stored(bool messagePack)
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await till.Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, token: Watcher.MemberToken(id), messagePack: messagePack);
        await watcher.StartAsync();
        var start = (await watcher.WatchAsync(id)).LedgerSequence;

        await (await till.Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 27, 3.20m))).Json();
        await (await till.Purchase(id, Api.Sale("T-2", "MUFFIN", "bakery", 1, 2.00m))).Json();
        await Watcher.Until(() => watcher.Balances.Count == 2); // events come in order: every event of T-1 is in

        var balance = watcher.Balances.First();
        Assert.Equal(("purchase", "T-1", 86L, 86L, start + 1), (balance.Reason, balance.TransactionId, balance.Delta, balance.Balance, balance.Sequence));
        var reward = Assert.Single(watcher.Rewards); // three free coffees, one group: one event with its count
        Assert.Equal(("free-item", 3, start + 2), (reward.Reward.Kind, reward.Reward.Count, reward.Sequence));
    }

    [Fact]
    public async Task A_burst_of_purchases_arrives_complete_and_in_order()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await till.Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, apiKey: EngineHost.TillKey);
        await watcher.StartAsync();
        var start = (await watcher.WatchAsync(id)).LedgerSequence;

        var sales = Enumerable.Range(1, 60).Select(i => Api.Sale($"T-{i}", "BREAD", "bakery", 1, 2.50m)).ToArray();
        await Parallel.ForEachAsync(sales, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (sale, _) => (await till.Purchase(id, sale)).EnsureSuccessStatusCode());
        await Watcher.Until(() => watcher.Sequences.Count >= 60);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => start + i), watcher.Sequences);
        Assert.Equal(60 * 2, watcher.Balances.Last().Balance);
    }

    [Fact]
    public async Task The_node_unsubscribes_when_the_last_watcher_leaves_or_drops()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        var node = engine.Host.Services.GetRequiredService<MemberWatchers>();
        var first = Watcher.Create(engine.Host, apiKey: EngineHost.TillKey);
        var second = Watcher.Create(engine.Host, token: Watcher.MemberToken(id));
        await first.StartAsync();
        await second.StartAsync();
        var before = node.WatchedMembers;

        await first.WatchAsync(id);
        await second.WatchAsync(id);
        Assert.Equal(before + 1, node.WatchedMembers);      // one subscription per member per node

        await Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync(first.Connection, "Unwatch", id);
        Assert.Equal(before + 1, node.WatchedMembers);
        await second.DisposeAsync();                         // the connection drops
        await Watcher.Until(() => node.WatchedMembers == before);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_member_token_that_claims_a_staff_role_is_still_only_that_member()
    {
        var (me, other) = (Api.NewMemberId(), Api.NewMemberId());
        await engine.Host.Till().Enrol(me);
        await engine.Host.Till().Enrol(other);
        var token = Watcher.MemberToken(me, EngineHost.SigningKey,
            new Claim(ClaimTypes.Role, "till"), new Claim("role", "till"), new Claim("roles", "marketing"));
        var app = engine.Host.Client(null);
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/members/{me}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Purchase(me, Api.Sale("T-1", "A", "food", 1, 1m))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Enrol(me, "Eve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/members/{other}")).StatusCode);
        Assert.Equal(0, (int)(await engine.Host.Till().Account(me))["points"]!);
        await using var watcher = Watcher.Create(engine.Host, token: token);
        await watcher.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(other));
    }

    [Fact]
    public async Task A_member_token_reads_its_own_account_over_http_and_nothing_else()
    {
        var (me, other) = (Api.NewMemberId(), Api.NewMemberId());
        await engine.Host.Till().Enrol(me);
        await engine.Host.Till().Enrol(other);
        var app = engine.Host.Client(null);
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(me));

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/members/{me}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/members/{me}/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/members/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Purchase(me, Api.Sale("T-1", "A", "food", 1, 1m))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsync("/api/dev/tokens", null)).StatusCode); // Development only
    }
}
