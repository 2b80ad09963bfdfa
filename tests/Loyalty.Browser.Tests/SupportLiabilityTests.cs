using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The points liability overview on the support page (<c>GET /api/reports/points-liability</c>): the table and its CSV.</summary>
[Collection(PagesCollection.Name)]
public sealed class SupportLiabilityTests(PagesFixture pages)
{
    [Fact]
    public async Task The_points_liability_is_shown_by_expiry_month_with_its_total_and_downloads_as_csv()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await pages.Host.PurchaseAsync(id, "SANDWICH", "food", 2, 6.50m);
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);

        await support["#liability-show"].ClickAsync();
        await Expect(support["#liability"]).ToBeVisibleAsync();
        await Expect(support["#liability-summary"]).ToContainTextAsync("One point is worth");
        var rows = support["#liability-rows tr"];
        await Expect(rows.Last.Locator("th")).ToHaveTextAsync("Total");
        Assert.True(await rows.CountAsync() >= 2, "a month with the purchase's points, then the total");
        var total = (await rows.Last.Locator("td").First.TextContentAsync())!.Replace(",", "", StringComparison.Ordinal);
        Assert.True(long.Parse(total, System.Globalization.CultureInfo.InvariantCulture) >= 13, $"total outstanding points: {total}");

        var download = await support.Page.RunAndWaitForDownloadAsync(() => support["#liability-csv"].ClickAsync());
        Assert.Equal("points-liability.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.True(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, csv);
        await Expect(support["#error"]).ToBeHiddenAsync();
        support.AssertNoScriptErrors();
    }
}
