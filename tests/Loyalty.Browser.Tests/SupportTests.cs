using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>
/// The customer service page (/support) with the Development support key: it finds a member by card, phone or e-mail,
/// shows the account and the ledger (who made each entry) live, adjusts points for a reason, voids a redemption, and
/// shows each refusal from the engine's problem details.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class SupportTests(PagesFixture pages)
{
    public const string DevSupportKeyName = "Development support";

    internal static async Task FindAsync(BrowserPage support, string text, string memberId)
    {
        await support["#search"].FillAsync(text);
        await support["#search"].PressAsync("Enter");
        await Expect(support["#member"]).ToBeVisibleAsync();
        // The member found by an earlier search stays shown until this one's answer comes: wait for it as long as for
        // any action (15 s), not the 5 s of an assertion (a search on a loaded machine under faketime took longer).
        await Expect(support["#account-id"]).ToHaveTextAsync(memberId, new() { Timeout = 15_000 });
    }

    private static string NewPhone() => $"07500 {Random.Shared.Next(100_000, 1_000_000)}";

    [Fact]
    public async Task Support_finds_a_member_by_card_phone_or_email_and_sees_a_sale_made_elsewhere_live()
    {
        var (id, other) = (EngineApi.NewMemberId(), EngineApi.NewMemberId());
        var (email, phone) = ($"grace.{id}@example.org".ToLowerInvariant(), NewPhone());
        var card = await pages.Host.EnrolWithCardAsync(id, "Grace", email, phone);
        var otherCard = await pages.Host.EnrolWithCardAsync(other, "Alan", $"alan.{other}@example.org".ToLowerInvariant(), NewPhone());
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await Expect(support["#settings-summary"]).ToContainTextAsync("key dev-");

        await FindAsync(support, otherCard, other);
        await Expect(support["#name"]).ToHaveTextAsync("Alan");
        await FindAsync(support, phone, id);
        await FindAsync(support, email.ToUpperInvariant(), id);
        await FindAsync(support, card, id);
        await Expect(support["#name"]).ToHaveTextAsync("Grace");
        await Expect(support["#ledger li[data-kind='enrolled']"]).ToHaveCountAsync(1);
        await Expect(support["#status"]).ToHaveAttributeAsync("data-state", "live");
        await support.MarkDocumentAsync();

        await pages.Host.PurchaseAsync(id, "LATTE", "coffee", 2, 3.20m);
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "6");
        await Expect(support["#stamps"]).ToHaveAttributeAsync("data-stamps", "2");
        await Expect(support["#lots"]).ToContainTextAsync("Expire on");
        await Expect(support["#ledger li[data-kind='purchase']"]).ToContainTextAsync("Purchase");
        await Expect(support["#error"]).ToBeHiddenAsync();
        await support.AssertNotReloadedAsync();
        support.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_unknown_card_is_said_in_the_engine_s_words()
    {
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await support["#search"].FillAsync("4111 1111 1111 1111");
        await support["#search"].PressAsync("Enter");
        await Expect(support["#error"]).ToContainTextAsync("No member has this card");
        await Expect(support["#member"]).ToBeHiddenAsync();
        support.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task An_adjustment_names_its_reason_and_who_made_it_and_a_removal_below_zero_is_refused()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await FindAsync(support, id, id);

        await support["#adjust-points"].FillAsync("50");
        await support["#adjust-reason"].SelectOptionAsync("goodwill");
        await support["#adjust-note"].FillAsync("cold coffee");
        await support["#adjust"].ClickAsync();
        await Expect(support["#notice"]).ToContainTextAsync("+50 points (Goodwill)");
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "50");
        var adjustment = support["#ledger li[data-kind='adjustment']"];
        await Expect(adjustment).ToContainTextAsync("Points corrected");
        await Expect(adjustment).ToContainTextAsync("Goodwill: cold coffee");
        await Expect(adjustment.Locator("[data-testid='by']")).ToHaveTextAsync($"by {DevSupportKeyName}");

        await support["#adjust-points"].FillAsync("-80");
        await support["#adjust-reason"].SelectOptionAsync("correction");
        await support["#adjust"].ClickAsync();
        await Expect(support["#error"]).ToBeVisibleAsync();
        await Expect(support["#error"]).ToContainTextAsync("Not enough points");
        await Expect(support["#error"]).ToContainTextAsync("The balance is 50 points; 80 cannot be removed.");
        await Expect(support["#adjust"]).ToHaveTextAsync("Adjust"); // a refusal is not retried with the same id
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "50");
        await Expect(support["#ledger li[data-kind='adjustment']"]).ToHaveCountAsync(1);
        support.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task An_adjustment_whose_answer_was_lost_is_retried_with_the_same_transaction_id_and_counts_once()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await FindAsync(support, id, id);

        // The first adjustment reaches the engine, but its answer is lost on the way back.
        var sent = new List<string>();
        await support.Page.RouteAsync("**/adjustments", async route =>
        {
            sent.Add(route.Request.PostData!);
            if (sent.Count == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await support["#adjust-points"].FillAsync("50");
        await support["#adjust-reason"].SelectOptionAsync("missed-purchase");
        await support["#adjust"].ClickAsync();
        await Expect(support["#error"]).ToContainTextAsync("The engine could not be reached");
        await Expect(support["#adjust"]).ToHaveTextAsync("Try again");
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "50"); // applied, and shown live

        await support["#adjust"].ClickAsync();
        await Expect(support["#notice"]).ToContainTextAsync("+50 points (Missed purchase): the balance is now 50.");
        await Expect(support["#adjust"]).ToHaveTextAsync("Adjust");
        await Expect(support["#ledger li[data-kind='adjustment']"]).ToHaveCountAsync(1);
        Assert.Equal(2, sent.Count);
        Assert.Equal(TransactionId(sent[0]), TransactionId(sent[1]));
        support.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    private static string TransactionId(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("transactionId").GetString()!;

    [Fact]
    public async Task A_redemption_is_voided_from_the_ledger_once()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await pages.Host.PurchaseAsync(id, "SANDWICH", "food", 4, 6.50m);
        var redemption = await pages.Host.RedeemAsync(id, 20);
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await FindAsync(support, id, id);
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "6");

        var entry = support[$"#ledger li[data-kind='redemption'][data-transaction-id='{redemption}']"];
        await entry.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"Void the redemption {redemption}" }).ClickAsync();
        await Expect(support["#notice"]).ToContainTextAsync($"Redemption {redemption} voided: 20 points back");
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "26");
        await Expect(support["#ledger li[data-kind='redemption-voided']"]).ToContainTextAsync("Redemption undone");
        await Expect(entry).ToContainTextAsync("Voided");
        await Expect(entry.GetByRole(Microsoft.Playwright.AriaRole.Button)).ToHaveCountAsync(0);
        support.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_wrong_key_is_reported_from_the_problem_details_and_a_right_one_works()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await support["#settings summary"].ClickAsync();
        await support["#api-key"].FillAsync("not-a-key");
        await support["#api-key"].PressAsync("Tab");
        await support["#search"].FillAsync(id);
        await support["#search"].PressAsync("Enter");
        await Expect(support["#error"]).ToContainTextAsync("The support key was not accepted. Unauthorized");
        await Expect(support["#member"]).ToBeHiddenAsync();
        await Expect(support["#status"]).ToHaveAttributeAsync("data-state", "refused");
        Assert.Equal("not-a-key", await support.Page.EvaluateAsync<string>("() => localStorage.getItem('loyalty.support.apiKey')"));

        // A till's key reads the account, but may not adjust it.
        await support["#api-key"].FillAsync(PagesHost.DevTillKey);
        await support["#api-key"].PressAsync("Tab");
        await FindAsync(support, id, id);
        await support["#adjust-points"].FillAsync("10");
        await support["#adjust"].ClickAsync();
        await Expect(support["#error"]).ToContainTextAsync("The support key was not accepted. Forbidden: These credentials may not make this call.");
        await Expect(support["#settings"]).ToHaveAttributeAsync("open", "");

        await support["#api-key"].FillAsync("dev-support-key");
        await support["#api-key"].PressAsync("Tab");
        await support["#adjust"].ClickAsync();
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "10");
        await Expect(support["#error"]).ToBeHiddenAsync();
        await Expect(support["#status"]).ToHaveAttributeAsync("data-state", "live");
        support.AssertNoScriptErrors(BrowserPage.FailedRequest, "negotiation"); // the hub refused the unknown key
    }
}
