using Loyalty.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The engine goes away and comes back on the same address: the pages reconnect, watch again and catch up.</summary>
[Collection(PagesCollection.Name)]
public sealed class ReconnectTests(PagesFixture pages) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Patient = new() { Timeout = 45_000 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-browser-reconnect-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Next();
    private PagesHost _engine = null!;

    private string Database => Path.Combine(_folder, "loyalty.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _engine = new PagesHost(Database, port: _port);
        _ = _engine.BaseAddress;
        return Task.CompletedTask;
    }

    private async Task RestartEngineAsync(BrowserPage page)
    {
        await _engine.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Expect(page["#status"]).Not.ToHaveAttributeAsync("data-state", "live", Patient);
        _engine = new PagesHost(Database, port: _port);
        _ = _engine.BaseAddress;
    }

    [Fact]
    public async Task The_member_app_reconnects_watches_again_and_shows_what_happened_meanwhile()
    {
        var id = EngineApi.NewMemberId();
        await _engine.EnrolAsync(id, "Ada");
        await using var app = await pages.OpenAsync(_engine.BaseAddress, "/app");
        await app["#member-id"].FillAsync(id);
        await app["#sign-in"].ClickAsync();
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await app.MarkDocumentAsync();

        await RestartEngineAsync(app);
        await _engine.PurchaseAsync(id, "LATTE", "coffee", 5, 3.20m);

        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "16", Patient);
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live", Patient);
        await _engine.PurchaseAsync(id, "LATTE", "coffee", 1, 3.20m);
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "19");
        await Expect(app["#stamps"]).ToHaveAttributeAsync("data-stamps", "6");
        await app.AssertNotReloadedAsync();
    }

    [Fact]
    public async Task The_till_reconnects_and_watches_its_customer_again()
    {
        var id = EngineApi.NewMemberId();
        await _engine.EnrolAsync(id, "Grace");
        await using var till = await pages.OpenAsync(_engine.BaseAddress, "/till?member=" + id, PagesFixture.Desktop);
        await Expect(till["#name"]).ToHaveTextAsync("Grace");
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "live");
        await till.MarkDocumentAsync();

        await RestartEngineAsync(till);
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "live", Patient);
        await _engine.PurchaseAsync(id, "SANDWICH", "food", 2, 6.50m);

        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "13");
        await till.AssertNotReloadedAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
