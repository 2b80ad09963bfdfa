using System.Net;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose points wait 14 days (<c>Loyalty:Program:PendingDays</c>), on a programme clock the tests move.</summary>
public sealed class PendingPointsFixture() : ClockedEngineFixture(new DateTimeOffset(2026, 5, 20, 16, 30, 0, TimeSpan.Zero))
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Loyalty:Program:PendingDays"] = "14",
    };
}

/// <summary>Pending points over HTTP and the hub: shown apart from the balance, not spendable, released on time to a watcher.</summary>
public sealed class PendingPointsApiTests(PendingPointsFixture fixture) : IClassFixture<PendingPointsFixture>
{
    [Fact]
    public async Task Pending_points_show_on_the_account_cannot_be_redeemed_and_reach_a_watcher_as_points_released_on_their_day()
    {
        var till = fixture.Host.Till();
        var id = Api.NewMemberId();
        (await till.Enrol(id)).EnsureSuccessStatusCode();
        var releaseDay = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime).AddDays(14);
        var sale = await (await till.Purchase(id, Api.Sale("T-1", "KETTLE", "home", 1, 30m))).Json();
        Assert.Equal((30L, 0L), ((long)sale["pointsEarned"]!, (long)sale["balance"]!));

        var account = await till.Account(id);
        Assert.Equal((0L, 30L), ((long)account["points"]!, (long)account["pendingPoints"]!));
        var release = Assert.Single(account["pendingReleases"]!.AsArray());
        Assert.Equal((30L, releaseDay.ToString("yyyy-MM-dd")), ((long)release!["points"]!, (string?)release["on"]));
        var refused = await till.Redeem(id, new { transactionId = "R-1", storeId = "S-01", points = 10 });
        Assert.Equal("urn:loyalty:problem:insufficient-points", (string?)(await refused.Json(HttpStatusCode.Conflict))["type"]);

        await using var watcher = Watcher.Create(fixture.Host, token: EngineHost.TillKey);
        await watcher.StartAsync();
        await watcher.WatchAsync(id);
        fixture.Time.SetUtcNow(new DateTimeOffset(releaseDay, TimeOnly.MinValue, TimeSpan.Zero).AddMinutes(-2));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!watcher.Balances.Any(b => b.Reason == "points-released") && DateTime.UtcNow < deadline)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(30)); // the node's scheduler looks once a minute of the programme's clock
            await Task.Delay(50);
        }

        var released = Assert.Single(watcher.Balances, b => b.Reason == "points-released");
        Assert.Equal((30L, 30L), (released.Delta, released.Balance));
        Assert.Equal(releaseDay, DateOnly.FromDateTime(released.At.UtcDateTime));
        var after = await till.Account(id);
        Assert.Equal((30L, 0L), ((long)after["points"]!, (long)after["pendingPoints"]!));
        Assert.Empty(after["pendingReleases"]!.AsArray());
        Assert.Equal("points-released", (string?)(await till.Activity(id))[0]!["kind"]);
    }
}
