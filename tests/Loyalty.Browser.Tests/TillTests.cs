using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

[Collection(PagesCollection.Name)]
public sealed class TillTests(PagesFixture pages)
{
    private static async Task FindAsync(BrowserPage till, string memberId)
    {
        await till["#member-id"].FillAsync(memberId);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#member"]).ToBeVisibleAsync();
        await Expect(till["#account-id"]).ToHaveTextAsync(memberId);
    }

    private static async Task AddAsync(BrowserPage till, string sku, int times)
    {
        for (var i = 0; i < times; i++)
            await till[$"[data-testid='add-{sku}']"].ClickAsync();
        await Expect(till[$"#qty-{sku}"]).ToHaveTextAsync(times.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ringing_up_a_sale_shows_the_result_and_the_balance_follows_live()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var till = await pages.OpenAsync("/till", PagesFixture.Desktop);
        await Expect(till["#api-key"]).ToHaveValueAsync(PagesHost.DevTillKey);
        await Expect(till["#ring-up"]).ToBeDisabledAsync();

        await FindAsync(till, id);
        await Expect(till["#name"]).ToHaveTextAsync("Ada");
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "0");
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "live");
        await till.MarkDocumentAsync();

        await AddAsync(till, "LATTE", 2);
        await AddAsync(till, "CROISSANT", 1);
        await Expect(till["#total"]).ToHaveAttributeAsync("data-value", "9.20");
        await till["#ring-up"].ClickAsync();

        await Expect(till["#result"]).ToBeVisibleAsync();
        await Expect(till["#result"]).ToContainTextAsync("Points earned+9");
        await Expect(till["#result"]).ToContainTextAsync("New balance9");
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "9");
        await Expect(till["#stamps"]).ToHaveAttributeAsync("data-stamps", "2");
        await Expect(till["#qty-LATTE"]).ToHaveTextAsync("0");

        await pages.Host.PurchaseAsync(id, "SANDWICH", "food", 2, 6.50m);
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "22");
        await Expect(till["#activity li[data-kind='purchase']"]).ToHaveCountAsync(2);
        await till.AssertNotReloadedAsync();
        till.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_full_stamp_card_issues_a_reward_that_the_till_redeems()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Grace");
        await using var till = await pages.OpenAsync("/till");
        await FindAsync(till, id);

        await AddAsync(till, "ESPRESSO", 9);
        await till["#ring-up"].ClickAsync();
        await Expect(till["#result"]).ToContainTextAsync("Reward issuedFree coffee");
        await Expect(till["#rewards li.reward"]).ToHaveCountAsync(1);
        await Expect(till["#stamps"]).ToHaveAttributeAsync("data-stamps", "0");

        await till["#rewards li.reward button"].ClickAsync();
        await Expect(till["#result"]).ToContainTextAsync("RedeemedFree coffee");
        await Expect(till["#rewards li.reward"]).ToHaveCountAsync(0);
        await Expect(till["#activity li[data-kind='reward-redeemed']"]).ToHaveCountAsync(1);
        till.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Redeeming_more_points_than_the_balance_shows_the_problem()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Linus");
        await pages.Host.PurchaseAsync(id, "BOOK", "books", 1, 40m);
        await using var till = await pages.OpenAsync("/till");
        await FindAsync(till, id);
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "40");

        await till["#redeem-points"].FillAsync("100");
        await till["#redeem-points-button"].ClickAsync();
        await Expect(till["#error"]).ToBeVisibleAsync();
        await Expect(till["#error"]).ToContainTextAsync("Not enough points");

        await till["#redeem-points"].FillAsync("15");
        await till["#redeem-points-button"].ClickAsync();
        await Expect(till["#error"]).ToBeHiddenAsync();
        await Expect(till["#result"]).ToContainTextAsync("Points redeemed15");
        await Expect(till["#balance"]).ToHaveAttributeAsync("data-value", "25");
        till.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task An_unknown_member_can_be_enrolled_at_the_till()
    {
        var id = EngineApi.NewMemberId();
        await using var till = await pages.OpenAsync("/till");
        await till["#member-id"].FillAsync(id);
        await till["#find"].ClickAsync();

        await Expect(till["#enrol-form"]).ToBeVisibleAsync();
        await Expect(till["#enrol-id"]).ToHaveValueAsync(id);
        await till["#enrol-name"].FillAsync("Margaret");
        await till["#enrol-email"].FillAsync("margaret@example.org");
        await till["#enrol"].ClickAsync();

        await Expect(till["#member"]).ToBeVisibleAsync();
        await Expect(till["#name"]).ToHaveTextAsync("Margaret");
        await Expect(till["#enrol-form"]).ToBeHiddenAsync();
        await Expect(till["#activity li[data-kind='enrolled']"]).ToHaveCountAsync(1);
        till.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task A_wrong_api_key_is_reported_from_the_problem_details()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var till = await pages.OpenAsync("/till");
        await till["#settings summary"].ClickAsync();
        await till["#api-key"].FillAsync("not-a-key");
        await till["#api-key"].PressAsync("Tab");
        Assert.Equal("not-a-key", await till.Page.EvaluateAsync<string>("() => localStorage.getItem('loyalty.till.apiKey')"));

        await till["#member-id"].FillAsync(id);
        await till["#find"].ClickAsync();
        await Expect(till["#error"]).ToContainTextAsync("Unauthorized");
        await Expect(till["#member"]).ToBeHiddenAsync();
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "refused");
        till.AssertNoScriptErrors(BrowserPage.FailedRequest, "negotiation");
    }
}
