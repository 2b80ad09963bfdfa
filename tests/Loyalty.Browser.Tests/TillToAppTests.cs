using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The product's promise, end to end: a sale rung up at the till shows on the member's phone at once.</summary>
[Collection(PagesCollection.Name)]
public sealed class TillToAppTests(PagesFixture pages)
{
    [Fact]
    public async Task A_sale_rung_up_at_the_till_shows_in_the_member_app_without_a_reload()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var app = await pages.OpenAsync("/app");
        await using var till = await pages.OpenAsync("/till", PagesFixture.Desktop);

        await app["#member-id"].FillAsync(id);
        await app["#sign-in"].ClickAsync();
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "0");
        await app.MarkDocumentAsync();

        await till["#member-id"].FillAsync(id);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#account-id"]).ToHaveTextAsync(id);
        for (var i = 0; i < 3; i++)
            await till["[data-testid='add-LATTE']"].ClickAsync();
        await till["#ring-up"].ClickAsync();
        await Expect(till["#result"]).ToContainTextAsync("Points earned+9");

        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "9");
        await Expect(app["#stamps"]).ToHaveAttributeAsync("data-stamps", "3");
        await Expect(app["#activity li[data-kind='purchase']"]).ToHaveCountAsync(1);
        await app.AssertNotReloadedAsync();
        app.AssertNoScriptErrors();
        till.AssertNoScriptErrors();
    }
}
