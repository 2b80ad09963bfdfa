using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.InsightsData;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>
/// The insights page at /insights on an engine filled with a generated year of purchases: what it shows against the
/// API and against the generated data itself, and a win-back promotion for the at-risk segment at the till.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class InsightsTests(PagesFixture pages, InsightsEngine engine, ITestOutputHelper output) : IClassFixture<InsightsEngine>
{
    private static readonly string[] Reasons = [Plants.Lapsed, Plants.AovFalling, Plants.CategoryDropped];

    /// <summary>
    /// The share of planted members a reason's list must find, and of its members that must have been planted so (the
    /// domain tests hold both to 0.9 on 5,000 members; a few hundred members leave more room to chance).
    /// </summary>
    private const double MinRecall = 0.75, MinPrecision = 0.7;

    [Fact]
    public async Task The_page_shows_retention_the_members_at_risk_and_the_top_members_and_a_win_back_promotion_applies_to_the_at_risk_only()
    {
        await using var page = await OpenInsightsAsync();

        await RetentionMatchesTheApiAndTheGeneratedData(page);
        await AtRiskListsThePlantedMembersWithTheirReasons(page);
        await TopMembersMatchTheApiAndTheGeneratedData(page);
        await LostMembersAndLifetimeValueMatchTheApi(page);
        await AWinBackPromotionForTheAtRiskSegmentAppliesToThemOnly(page);
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_key_that_is_not_a_marketing_key_is_asked_for_again()
    {
        await using var page = await pages.OpenAsync(engine.Host.BaseAddress, "/insights", PagesFixture.Desktop);
        await page["#api-key"].FillAsync(PagesHost.DevTillKey);
        await page["#use-key"].ClickAsync();
        await Expect(page["#key-error"]).ToContainTextAsync("The key was not accepted as a marketing key.");
        await Expect(page["#insights-view"]).ToBeHiddenAsync();
        Assert.Equal("", await page.Page.EvaluateAsync<string>("() => sessionStorage.getItem('loyalty.console.apiKey') ?? ''"));

        await page["#api-key"].FillAsync(MarketingSteps.DevMarketingKey);
        await page["#use-key"].ClickAsync();
        await Expect(page["#retention"]).ToHaveAttributeAsync("data-loaded", "true");
        await page["#forget-key"].ClickAsync();
        await Expect(page["#key-view"]).ToBeVisibleAsync();
        page.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    private async Task<BrowserPage> OpenInsightsAsync()
    {
        var page = await pages.OpenAsync(engine.Host.BaseAddress, "/insights", PagesFixture.Desktop);
        await page["#api-key"].FillAsync(MarketingSteps.DevMarketingKey);
        await page["#use-key"].ClickAsync();
        await Expect(page["#insights-view"]).ToBeVisibleAsync();
        foreach (var section in new[] { "#retention", "#at-risk", "#top", "#lost" })
            await Expect(page[section]).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(page["#error"]).ToBeHiddenAsync();
        return page;
    }

    private async Task RetentionMatchesTheApiAndTheGeneratedData(BrowserPage page)
    {
        var api = (await engine.GetAsync("/api/insights/retention?period=month&count=12"))["periods"]!.AsArray();
        Assert.Equal(12, api.Count);
        await Expect(page["#retention-figure"]).ToBeVisibleAsync();
        await Expect(page["#retention-chart"]).ToHaveAttributeAsync("data-points", "12");
        await Expect(page["#retention-table tbody tr"]).ToHaveCountAsync(12);
        var rows = await Rows(page, "#retention-table tbody tr");

        // The months a member bought in, by month index (year × 12 + month − 1, UTC), from the generated sales.
        var months = engine.Members.Select(m => m.Sales.Select(s => MonthIndex(s.OccurredAt)).ToHashSet()).ToList();
        for (var i = 0; i < 12; i++)
        {
            var period = api[i]!;
            var month = MonthIndex(DateTimeOffset.Parse((string)period["start"]!, CultureInfo.InvariantCulture));
            long active = months.Count(s => s.Contains(month)), before = months.Count(s => s.Contains(month - 1));
            long retained = months.Count(s => s.Contains(month) && s.Contains(month - 1)), fresh = months.Count(s => s.Min() == month);
            string[] expected =
            [
                active.ToString(CultureInfo.InvariantCulture), retained.ToString(CultureInfo.InvariantCulture),
                fresh.ToString(CultureInfo.InvariantCulture), (before - retained).ToString(CultureInfo.InvariantCulture),
            ];
            Assert.Equal(expected, new[] { period["active"]!.ToString(), period["retained"]!.ToString(), period["new"]!.ToString(), period["lost"]!.ToString() });
            Assert.Equal((string)period["start"]!, rows[i].Start);
            Assert.Equal(expected, rows[i].Values[..4]);
            Assert.Equal(period["retentionRate"] is { } rate ? ((double)rate).ToString(CultureInfo.InvariantCulture) : "", rows[i].Values[4]);
        }
        Assert.True(api.Sum(p => (long)p!["active"]!) > InsightsEngine.MemberCount, "Hardly any member bought in the last 12 months.");

        // The current month is not over, and says so: in the API, and in the table as "month to date".
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i == 11), api.Select(p => (bool)p!["partial"]!));
        await Expect(page["#retention-table tbody tr[data-partial]"]).ToHaveCountAsync(1);
        await Expect(page["#retention-table tbody tr:last-child"]).ToHaveAttributeAsync("data-partial", "true");
        await Expect(page["#retention-table tbody tr:last-child th"]).ToContainTextAsync("(month to date)");
        await Expect(page["#retention-table tbody tr:first-child th"]).Not.ToContainTextAsync("month to date");
    }

    private async Task AtRiskListsThePlantedMembersWithTheirReasons(BrowserPage page)
    {
        var all = await engine.GetAsync("/api/insights/at-risk?limit=50");
        await Expect(page["#at-risk-summary"]).ToHaveAttributeAsync("data-total", all["total"]!.ToString());
        await Expect(page["#at-risk-summary"]).ToHaveAttributeAsync("data-value-at-stake", ((decimal)all["valueAtStake"]!).ToString(CultureInfo.InvariantCulture));
        await Expect(page["#at-risk-table tbody tr"]).ToHaveCountAsync(all["members"]!.AsArray().Count);
        await Expect(page["#at-risk-more"]).ToBeVisibleAsync(new() { Visible = (long)all["total"]! > 50 });

        foreach (var reason in Reasons)
        {
            await page["#reason-filter"].SelectOptionAsync(reason);
            await Expect(page["#at-risk-table"]).ToHaveAttributeAsync("data-reason", reason);
            var api = await engine.GetAsync($"/api/insights/at-risk?reason={reason}&limit=50");
            var listed = api["members"]!.AsArray();
            Assert.True((long)api["total"]! <= 50, $"More than 50 members at risk for {reason}: the test reads one page.");
            await Expect(page["#at-risk-table tbody tr"]).ToHaveCountAsync(listed.Count);

            // The page shows the API's members in its order, each with the reasons in words and the value at stake.
            var shown = await page.Page.EvaluateAsync<AtRiskRow[]>("""
                () => [...document.querySelectorAll('#at-risk-table tbody tr')].map(r => ({
                  memberId: r.dataset.memberId,
                  kinds: [...r.querySelectorAll('.reasons li')].map(li => li.dataset.kind),
                  texts: [...r.querySelectorAll('.reasons li')].map(li => li.textContent),
                  valueAtStake: r.querySelector('td.money').dataset.value }))
                """);
            for (var i = 0; i < listed.Count; i++)
            {
                var member = listed[i]!;
                Assert.Equal((string)member["memberId"]!, shown[i].MemberId);
                Assert.Contains(reason, shown[i].Kinds);
                var reasons = member["reasons"]!.AsArray();
                Assert.Equal(reasons.Select(r => (string)r!["kind"]!), shown[i].Kinds);
                for (var j = 0; j < reasons.Count; j++)
                    Assert.EndsWith((string)reasons[j]!["text"]!, shown[i].Texts[j]);
                Assert.Equal(((decimal)member["valueAtStake"]!).ToString(CultureInfo.InvariantCulture), shown[i].ValueAtStake);
            }

            // The members planted with this drift are found by it.
            var planted = engine.Members.Where(m => m.Plant == reason).Select(m => m.MemberId).ToHashSet();
            var found = shown.Count(r => planted.Contains(r.MemberId));
            var recall = (double)found / planted.Count;
            var precision = shown.Length == 0 ? 0 : (double)found / shown.Length;
            output.WriteLine($"{reason}: {planted.Count} planted, {shown.Length} shown, recall {recall:P0}, precision {precision:P0}");
            Assert.True(planted.Count > 0, $"No member planted as {reason}.");
            Assert.True(recall >= MinRecall, $"{reason}: {found} of {planted.Count} planted members shown.");
            Assert.True(precision >= MinPrecision, $"{reason}: {found} of {shown.Length} members shown were planted so.");
            var example = shown.First(r => planted.Contains(r.MemberId));
            var text = ReasonWords(reason);
            await Expect(page[$"#at-risk-table tr[data-member-id='{example.MemberId}'] li[data-kind='{reason}']"]).ToContainTextAsync(text);
        }
        await page["#reason-filter"].SelectOptionAsync("");
        await Expect(page["#at-risk-table"]).ToHaveAttributeAsync("data-reason", "");
    }

    private async Task TopMembersMatchTheApiAndTheGeneratedData(BrowserPage page)
    {
        var api = await engine.GetAsync("/api/insights/top-members?share=0.2&limit=100");
        var spend = engine.Members.Select(m => m.Sales.Sum(s => s.Total)).OrderDescending().ToList();
        var topCount = (int)Math.Ceiling(spend.Count * 0.2);
        Assert.Equal(InsightsEngine.MemberCount, (long)api["members"]!);
        Assert.Equal(topCount, (long)api["topCount"]!);
        Assert.Equal(spend.Sum(), (decimal)api["totalRevenue"]!);
        Assert.Equal(spend.Take(topCount).Sum(), (decimal)api["topRevenue"]!);

        await Expect(page["#top-count"]).ToHaveAttributeAsync("data-value", api["topCount"]!.ToString());
        await Expect(page["#top-members"]).ToHaveAttributeAsync("data-value", api["members"]!.ToString());
        await Expect(page["#top-revenue"]).ToHaveAttributeAsync("data-value", Invariant((decimal)api["topRevenue"]!));
        await Expect(page["#total-revenue"]).ToHaveAttributeAsync("data-value", Invariant((decimal)api["totalRevenue"]!));
        await Expect(page["#top-revenue-share"]).ToHaveAttributeAsync("data-value", Invariant((double)api["revenueShare"]!));
        var percent = Math.Round((double)api["revenueShare"]! * 100, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        await Expect(page["#top-summary"]).ToContainTextAsync($"of the 12-month revenue");
        await Expect(page["#top-revenue-share"]).ToHaveTextAsync(percent);

        // The cumulative curve: chart and table through 11 shares of members, the chosen one (20 %) as the API says.
        await Expect(page["#top-chart"]).ToHaveAttributeAsync("data-points", "11");
        await Expect(page["#curve-table tbody tr"]).ToHaveCountAsync(11);
        await Expect(page["#curve-table tr.chosen td:last-child"]).ToHaveAttributeAsync("data-value", Invariant((double)api["revenueShare"]!));
        await Expect(page["#curve-table tr[data-share='1'] td:last-child"]).ToHaveAttributeAsync("data-value", "1");

        var list = api["list"]!.AsArray();
        Assert.Equal(topCount, list.Count);
        await Expect(page["#top-table tbody tr[data-member-id]"]).ToHaveCountAsync(list.Count);
        var ids = await page.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#top-table tbody tr[data-member-id]')].map(r => r.dataset.memberId)");
        Assert.Equal(list.Select(m => (string)m!["memberId"]!), ids);
    }

    private async Task LostMembersAndLifetimeValueMatchTheApi(BrowserPage page)
    {
        var api = await engine.GetAsync("/api/insights/lost?months=12&limit=100");
        await Expect(page["#lost-summary"]).ToHaveAttributeAsync("data-count", api["count"]!.ToString());
        await Expect(page["#lost-summary"]).ToHaveAttributeAsync("data-yearly-revenue-lost", Invariant((decimal)api["yearlyRevenueLost"]!));
        await Expect(page["#ltv-formula"]).ToHaveTextAsync((string)api["lifetimeValue"]!["formula"]!);
        await Expect(page["#ltv-estimate"]).ToHaveAttributeAsync("data-value", Invariant((decimal)api["lifetimeValue"]!["estimate"]!));

        // Every member planted as lost stopped 100 to 300 days ago: lost (90 days without an order) within the year.
        var planted = engine.Members.Where(m => m.Plant == Plants.Lost).ToList();
        Assert.NotEmpty(planted);
        Assert.Equal(planted.Count, (long)api["count"]!);
        foreach (var member in planted)
        {
            var row = page[$"#lost-table tr[data-member-id='{member.MemberId}']"];
            await Expect(row.Locator("td").Nth(0)).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex(
                "^" + member.Sales[^1].OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        }
    }

    private async Task AWinBackPromotionForTheAtRiskSegmentAppliesToThemOnly(BrowserPage page)
    {
        var atRisk = (await engine.GetAsync("/api/insights/at-risk?limit=500"))["members"]!.AsArray().Select(m => (string)m!["memberId"]!).ToHashSet();
        var lapsed = (await engine.GetAsync("/api/insights/at-risk?reason=lapsed&limit=50"))["members"]!.AsArray()
            .Select(m => (string)m!["memberId"]!).First(id => engine.Members.Single(m => m.MemberId == id).Plant == Plants.Lapsed);
        var steady = engine.Members.First(m => m.Plant == Plants.Steady && !atRisk.Contains(m.MemberId)).MemberId;
        await engine.WaitForSegmentAsync(lapsed, "at-risk", inSegment: true);
        await engine.WaitForSegmentAsync(steady, "at-risk", inSegment: false);

        // From the insights page to the console in the same tab: the key goes along.
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Console" }).ClickAsync();
        await Expect(page["#console-view"]).ToBeVisibleAsync();
        var name = "Welcome back " + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        await page["#promo-name"].FillAsync(name);
        await page["#promo-starts"].FillAsync(MarketingSteps.LocalInput(now.AddMinutes(-5)));
        await page["#promo-ends"].FillAsync(MarketingSteps.LocalInput(now.AddDays(2)));
        await page["#promo-segment"].SelectOptionAsync("at-risk");
        await page["#promo-kind"].SelectOptionAsync("bonusPoints");
        await page["#promo-value"].FillAsync("50");
        await page["#create-promotion"].ClickAsync();
        await Expect(page["#notice"]).ToContainTextAsync($"Promotion '{name}' created (running)");

        await using var till = await pages.OpenAsync(engine.Host.BaseAddress, "/till", PagesFixture.Desktop);
        await till.SellLattesAsync(lapsed, 1);
        await Expect(till["#result"]).ToContainTextAsync($"Promotion{name} (+50 points)");
        await Expect(till["#result"]).ToContainTextAsync($"New balance{await BalanceAsync(lapsed)}");

        await till.SellLattesAsync(steady, 1);
        await Expect(till["#result"]).Not.ToContainTextAsync("Promotion");
        await Expect(till["#result"]).ToContainTextAsync($"New balance{await BalanceAsync(steady)}");
        till.AssertNoScriptErrors();

        // And back to the insights, with the key still there.
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Retention insights" }).ClickAsync();
        await Expect(page["#retention"]).ToHaveAttributeAsync("data-loaded", "true");
    }

    private async Task<string> BalanceAsync(string memberId)
    {
        using var client = engine.Host.Client(PagesHost.DevTillKey);
        var account = await client.GetFromJsonAsync<JsonNode>($"/api/members/{memberId}");
        return ((long)account!["points"]!).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>The start words of each reason's sentence (the domain's text).</summary>
    private static string ReasonWords(string reason) => reason switch
    {
        Plants.Lapsed => "Usually orders every",
        Plants.AovFalling => "Typical order",
        _ => "Bought ",
    };

    private static int MonthIndex(DateTimeOffset at) => at.UtcDateTime.Year * 12 + at.UtcDateTime.Month - 1;

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<(string Start, string[] Values)[]> Rows(BrowserPage page, string selector)
    {
        var rows = await page.Page.EvaluateAsync<RetentionRow[]>(
            "(s) => [...document.querySelectorAll(s)].map(r => ({ start: r.dataset.start, values: [...r.querySelectorAll('td')].map(td => td.dataset.value) }))",
            selector);
        return rows.Select(r => (r.Start, r.Values)).ToArray();
    }

    // Read from the page by Playwright, which fills their properties.
    private sealed class RetentionRow
    {
        public string Start { get; set; } = "";
        public string[] Values { get; set; } = [];
    }

    private sealed class AtRiskRow
    {
        public string MemberId { get; set; } = "";
        public string[] Kinds { get; set; } = [];
        public string[] Texts { get; set; } = [];
        public string ValueAtStake { get; set; } = "";
    }
}
