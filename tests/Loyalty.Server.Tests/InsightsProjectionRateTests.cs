using System.Text.Json.Nodes;
using Loyalty.Grains;
using Loyalty.Grains.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose insights projector is paused (<c>Loyalty:Insights:ProjectionRate</c> 0).</summary>
public sealed class PausedInsightsFixture : EngineFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Loyalty:Insights:ProjectionRate"] = "0",
    };
}

public sealed class InsightsProjectionRateTests(PausedInsightsFixture fixture) : IClassFixture<PausedInsightsFixture>
{
    [Fact]
    public async Task A_paused_projector_keeps_the_marks_and_the_insights_catch_up_from_them_later()
    {
        var till = fixture.Host.Till();
        var marketing = fixture.Host.Marketing();
        var member = Api.NewMemberId();
        (await till.Enrol(member)).EnsureSuccessStatusCode();
        (await till.Purchase(member, Api.Sale($"{member}-1", "LATTE", "coffee", 2, 3.20m))).EnsureSuccessStatusCode();

        // The projector's timer ticks every second; three ticks go by without it reading the marked member.
        await Task.Delay(InsightsProjectorGrain.TickPeriod * 3);
        Assert.Equal(0, (long)(await TopMembers(marketing))["members"]!);

        // The mark was kept: projecting now (as raising the rate would) brings the sale in.
        await fixture.Host.Services.GetRequiredService<IGrainFactory>().InsightsProjectorGrain().CatchUp();
        var top = await TopMembers(marketing);
        Assert.Equal(1, (long)top["members"]!);
        Assert.Equal(6.40m, (decimal)top["totalRevenue"]!);
    }

    private static async Task<JsonNode> TopMembers(HttpClient marketing) =>
        await (await marketing.GetAsync("/api/insights/top-members?share=1")).Json();
}
