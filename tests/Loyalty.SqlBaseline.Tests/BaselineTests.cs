using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Loyalty.SqlBaseline.Tests;

/// <summary>The baseline does the purchase it is measured on, correctly: enrol, earn, replay, balance.</summary>
public abstract class BaselineTests(BaselineHost host)
{
    private static object Coffee(string transactionId, int quantity = 1, decimal unitPrice = 3.20m) => new
    {
        transactionId,
        storeId = "S-01",
        lines = new[] { new { sku = "LATTE", category = "coffee", quantity, unitPrice } },
    };

    private static string NewMember() => "M-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    [Fact]
    public async Task Enrol_creates_then_updates()
    {
        var http = host.Client();
        var member = NewMember();
        using var created = await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var updated = await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada L." });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var account = await Json(await http.GetAsync($"/api/members/{member}"));
        Assert.Equal("Ada L.", account.GetProperty("name").GetString());
        Assert.Equal(0, account.GetProperty("points").GetInt64());
        Assert.Equal("Member", account.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Purchases_earn_rounded_down_once_and_add_up_in_the_balance()
    {
        var http = host.Client();
        var member = NewMember();
        (await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" })).EnsureSuccessStatusCode();

        using var first = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1", quantity: 2));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await Json(first);
        Assert.Equal("T-1", answer.GetProperty("transactionId").GetString());
        Assert.False(answer.GetProperty("duplicate").GetBoolean());
        Assert.Equal(6, answer.GetProperty("pointsEarned").GetInt64());
        Assert.Equal(6, answer.GetProperty("balance").GetInt64());

        var second = await Json(await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-2")));
        Assert.Equal(3, second.GetProperty("pointsEarned").GetInt64());
        Assert.Equal(9, second.GetProperty("balance").GetInt64());

        var account = await Json(await http.GetAsync($"/api/members/{member}"));
        Assert.Equal(9, account.GetProperty("points").GetInt64());
        Assert.Equal(9.60m, account.GetProperty("lifetimeSpend").GetDecimal());
    }

    [Fact]
    public async Task A_replay_returns_the_original_result_and_changes_nothing()
    {
        var http = host.Client();
        var member = NewMember();
        (await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1"))).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-2"))).EnsureSuccessStatusCode();

        using var replay = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var answer = await Json(replay);
        Assert.True(answer.GetProperty("duplicate").GetBoolean());
        Assert.Equal(3, answer.GetProperty("pointsEarned").GetInt64());
        Assert.Equal(3, answer.GetProperty("balance").GetInt64());

        using var conflict = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1", quantity: 5));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var account = await Json(await http.GetAsync($"/api/members/{member}"));
        Assert.Equal(6, account.GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task Concurrent_replays_of_one_purchase_count_it_once()
    {
        var http = host.Client();
        var member = NewMember();
        (await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" })).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await Json(response);
        }));
        Assert.Single(answers, a => !a.GetProperty("duplicate").GetBoolean());
        var account = await Json(await http.GetAsync($"/api/members/{member}"));
        Assert.Equal(3, account.GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task The_purchase_that_crosses_a_tier_threshold_earns_at_the_new_tier()
    {
        var http = host.Client();
        var member = NewMember();
        (await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" })).EnsureSuccessStatusCode();

        var answer = await Json(await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1", unitPrice: 500.99m)));
        Assert.Equal("Silver", answer.GetProperty("tier").GetString());
        Assert.True(answer.GetProperty("tierChanged").GetBoolean());
        Assert.Equal(625, answer.GetProperty("pointsEarned").GetInt64());
    }

    [Fact]
    public async Task Refuses_without_a_key_an_unknown_member_and_a_bad_purchase()
    {
        var member = NewMember();
        using var anonymous = await host.Client(key: null).GetAsync($"/api/members/{member}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrongKey = await host.Client("nope").GetAsync($"/api/members/{member}");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var http = host.Client();
        using var unknown = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await http.GetAsync($"/api/members/{member}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        (await http.PutAsJsonAsync($"/api/members/{member}", new { name = "Ada" })).EnsureSuccessStatusCode();
        using var noLines = await http.PostAsJsonAsync($"/api/members/{member}/purchases", new { transactionId = "T-1", lines = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, noLines.StatusCode);
        using var badPrice = await http.PostAsJsonAsync($"/api/members/{member}/purchases", Coffee("T-1", unitPrice: 1.234m));
        Assert.Equal(HttpStatusCode.BadRequest, badPrice.StatusCode);
    }

    [Fact]
    public async Task Live_health_answers_without_a_key()
    {
        using var response = await host.Client(key: null).GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteBaselineTests(SqliteBaselineFixture fixture)
    : BaselineTests(fixture.Host), IClassFixture<SqliteBaselineFixture>;

public sealed class PostgreSqlBaselineTests(PostgreSqlBaselineFixture fixture)
    : BaselineTests(fixture.Host), IClassFixture<PostgreSqlBaselineFixture>;
