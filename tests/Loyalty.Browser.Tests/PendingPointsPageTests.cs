using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>An engine of its own whose sales' points wait 14 days (<c>Loyalty:Program:PendingDays</c>).</summary>
public sealed class PendingPointsEngine : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-pending-page-" + Guid.NewGuid().ToString("N"));

    public PagesHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Host = new PagesHost(Path.Combine(_folder, "loyalty.db"), settings: new Dictionary<string, string>
        {
            ["Loyalty:Program:PendingDays"] = "14",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The till shows the points of a sale that are not spendable yet, under a balance that does not hold them.</summary>
[Collection(PagesCollection.Name)]
public sealed class PendingPointsPageTests(PagesFixture pages, PendingPointsEngine engine) : IClassFixture<PendingPointsEngine>
{
    [Fact]
    public async Task The_till_shows_a_sale_s_points_as_pending_and_not_in_the_balance()
    {
        var id = EngineApi.NewMemberId();
        await engine.Host.EnrolAsync(id, "Ada");
        var sale = await engine.Host.PurchaseAsync(id, "LATTE", "coffee", 2, 3.20m);
        var earned = (int)sale["pointsEarned"]!;
        Assert.True(earned > 0);

        await using var till = await pages.OpenAsync(engine.Host.BaseAddress, $"/till?member={id}", PagesFixture.Desktop);

        await Expect(till["#name"]).ToHaveTextAsync("Ada");
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "0");
        await Expect(till["#pending"]).ToBeVisibleAsync();
        await Expect(till["#pending"]).ToContainTextAsync($"{earned} points pending: spendable from ");
        till.AssertNoScriptErrors();
    }
}
