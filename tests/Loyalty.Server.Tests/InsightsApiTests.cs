using System.Net;
using System.Text.Json.Nodes;
using Loyalty.Grains;
using Loyalty.Grains.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Server.Tests;

/// <summary>
/// An engine whose programme clock the tests move, so that half a year of purchases takes a second. The clock starts
/// 150 days before <see cref="Now"/> and the tests bring it there, whatever the real date.
/// </summary>
public sealed class InsightsFixture() : ClockedEngineFixture(Now.AddDays(-150))
{
    /// <summary>The tests' "now": the middle of a month, on purpose (a purchase three days before is in the same month).</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 17, 15, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The node's own projector is paused: the tests project with <see cref="CatchUpAsync"/> once the clock is where they
    /// want it. A pass of the node's projector while a test moves the clock judged a member at a moment in between (the
    /// drifting member, five days after its last purchase: not yet lapsed) and took its marks, so the catch-up at the end
    /// left it out (a CI run under faketime, on a loaded machine, failed so).
    /// </summary>
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Loyalty:Insights:ProjectionRate"] = "0",
    };

    /// <summary>Projects every marked member now and reloads this node's segments.</summary>
    public async Task CatchUpAsync()
    {
        await Host.Services.GetRequiredService<IGrainFactory>().InsightsProjectorGrain().CatchUp();
        await Host.Services.GetRequiredService<InsightsSegments>().RefreshAsync();
    }
}

public sealed class InsightsApiTests(InsightsFixture fixture) : IClassFixture<InsightsFixture>
{
    private static readonly string[] Calls = ["/api/insights/retention", "/api/insights/at-risk", "/api/insights/top-members", "/api/insights/lost"];

    [Fact]
    public async Task Purchases_reach_the_insights_and_a_win_back_promotion_applies_to_the_at_risk_member_only()
    {
        var till = fixture.Host.Till();
        var marketing = fixture.Host.Marketing();
        var steady = Api.NewMemberId();
        var drifting = Api.NewMemberId();
        (await till.Enrol(steady)).EnsureSuccessStatusCode();
        (await till.Enrol(drifting)).EnsureSuccessStatusCode();

        // Both buy a coffee and a cake every week; the drifting one stops six weeks before today.
        var start = fixture.Time.GetUtcNow();
        for (var day = 0; day < 150; day += 7)
        {
            fixture.Time.SetUtcNow(start.AddDays(day));
            (await till.Purchase(steady, Api.Sale($"{steady}-{day}", "LATTE", "coffee", 1, 9.50m))).EnsureSuccessStatusCode();
            if (day <= 150 - 42)
                (await till.Purchase(drifting, Api.Sale($"{drifting}-{day}", "CAKE", "pastry", 1, 6.00m))).EnsureSuccessStatusCode();
        }
        fixture.Time.SetUtcNow(start.AddDays(150));
        await fixture.CatchUpAsync();

        var atRisk = await (await marketing.GetAsync("/api/insights/at-risk?reason=lapsed")).Json();
        var listed = atRisk["members"]!.AsArray().Single(m => (string)m!["memberId"]! == drifting)!;
        Assert.DoesNotContain(atRisk["members"]!.AsArray(), m => (string)m!["memberId"]! == steady);
        Assert.Equal("lapsed", (string)listed["reasons"]![0]!["kind"]!);
        Assert.Equal(7.0, (double)listed["reasons"]![0]!["usualIntervalDays"]!);
        Assert.True((decimal)listed["valueAtStake"]! > 0);
        Assert.Equal((decimal)listed["valueAtStake"]!, (decimal)atRisk["valueAtStake"]!);

        var retention = await (await marketing.GetAsync("/api/insights/retention?period=month&count=12")).Json();
        var periods = retention["periods"]!.AsArray();
        Assert.Equal(12, periods.Count);
        Assert.Equal(2, periods.Sum(p => (long)p!["new"]!));
        // The drifting member last bought on 3 May; the steady one on 14 June. June runs through today, the 17th.
        Assert.Equal((2L, false), ((long)periods[^2]!["active"]!, (bool)periods[^2]!["partial"]!));
        Assert.Equal((1L, 1L, true, "2026-06-17"),
            ((long)periods[^1]!["active"]!, (long)periods[^1]!["lost"]!, (bool)periods[^1]!["partial"]!, (string?)periods[^1]!["through"]));
        Assert.All(periods.SkipLast(1), p => Assert.Null(p!["through"]));

        var top = await (await marketing.GetAsync("/api/insights/top-members?share=0.5")).Json();
        Assert.Equal(2, (long)top["members"]!);
        Assert.Equal(1, (long)top["topCount"]!);
        Assert.Equal(steady, (string)top["list"]![0]!["memberId"]!);
        Assert.Equal(22 * 9.50m, (decimal)top["topRevenue"]!);

        var lost = await (await marketing.GetAsync("/api/insights/lost?months=12")).Json();
        Assert.Equal(0, (long)lost["count"]!);
        Assert.Contains("expected lifetime", (string)lost["lifetimeValue"]!["formula"]!);

        // Win-back: 50 bonus points on any sale, for the at-risk segment only.
        var winBack = Marketing.Promotion(new { kind = "bonusPoints", value = 50 }, new { segment = "at-risk" }, name: "Welcome back", now: fixture.Time.GetUtcNow());
        await marketing.CreatedPromotionId(winBack);
        var back = await (await till.Purchase(drifting, Api.Sale($"{drifting}-back", "CAKE", "pastry", 1, 6.00m))).Json();
        var usual = await (await till.Purchase(steady, Api.Sale($"{steady}-usual", "LATTE", "coffee", 1, 9.50m))).Json();
        Assert.Single(back["promotionsApplied"]!.AsArray());
        Assert.Empty(usual["promotionsApplied"]!.AsArray());
    }

    [Fact]
    public async Task Only_marketing_reads_the_insights()
    {
        foreach (var call in Calls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client(null).GetAsync(call)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Host.Till().GetAsync(call)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Marketing().GetAsync(call)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/insights/retention?period=week", "period")]
    [InlineData("/api/insights/retention?count=0", "count")]
    [InlineData("/api/insights/retention?count=61", "count")]
    [InlineData("/api/insights/at-risk?reason=sleepy", "reason")]
    [InlineData("/api/insights/at-risk?limit=501", "limit")]
    [InlineData("/api/insights/at-risk?limit=1&limit=2", "limit")]
    [InlineData("/api/insights/at-risk?offset=-1", "offset")]
    [InlineData("/api/insights/top-members?share=0", "share")]
    [InlineData("/api/insights/top-members?share=1e-1", "share")]
    [InlineData("/api/insights/top-members?revenueShare=1.5", "revenueShare")]
    [InlineData("/api/insights/top-members?share=0.2&revenueShare=0.8", "revenueShare")]
    [InlineData("/api/insights/lost?months=abc", "months")]
    [InlineData("/api/insights/lost?limit=0", "limit")]
    public async Task Bad_parameters_are_refused_with_the_field_named(string call, string field)
    {
        var problem = await (await fixture.Host.Marketing().GetAsync(call)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("urn:loyalty:problem:validation", (string)problem["type"]!);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task The_insights_calls_are_in_the_OpenAPI_document()
    {
        var document = JsonNode.Parse(await fixture.Host.Client(null).GetStringAsync("/openapi/v1.json"))!;
        foreach (var call in Calls)
            Assert.NotNull(document["paths"]![call]?["get"]);
        var parameters = document["paths"]!["/api/insights/top-members"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!);
        Assert.Equal(["share", "revenueShare", "limit"], parameters);
    }
}
