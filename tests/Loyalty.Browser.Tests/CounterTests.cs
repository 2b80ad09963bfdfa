using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>
/// The counter as a café runs it, in Production with one configured operations key and an SMTP server: a new customer
/// signs up in the app, the counter hands them a card, the enrolled till finds them by e-mail and by the card number
/// the app shows as a QR code, and each sale reaches the app live while its short-lived tokens are renewed.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class CounterTests(PagesFixture pages, ProductionAppFixture engine) : IClassFixture<ProductionAppFixture>
{
    [Fact]
    public async Task A_new_customer_signs_up_in_the_app_and_the_till_finds_them_by_email_and_card_and_sales_show_live()
    {
        var email = $"counter.{Guid.NewGuid():N}@example.org";
        await using var app = await pages.OpenAsync(engine.Host.BaseAddress, "/app");
        await app["#email"].FillAsync(email);
        await app["#send-code"].ClickAsync();
        await app["#code"].FillAsync((await engine.Smtp.WaitForMailAsync(email)).SignInCode);
        await app["#name-input"].FillAsync("Mary");
        await app["#verify"].ClickAsync();
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await Expect(app["#account-id"]).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^m-")); // the account is shown
        var memberId = (await app["#account-id"].TextContentAsync())!;
        await app.MarkDocumentAsync();

        // The till signs in with its enrolled key (kept as a session token) and finds the customer by e-mail.
        await using var till = await pages.OpenAsync(engine.Host.BaseAddress, "/till", PagesFixture.Desktop);
        await Expect(till["#error"]).ToContainTextAsync("This till has no key yet");
        await Expect(till["#api-key"]).ToBeVisibleAsync(); // the settings are open: Production ships no default key
        await Expect(till["#api-key"]).ToHaveValueAsync("");
        await till["#api-key"].FillAsync(engine.TillKey);
        await till["#api-key"].PressAsync("Tab");
        await Expect(till["#settings-summary"]).ToContainTextAsync("session until");
        await FindAsync(till, email.ToUpperInvariant(), memberId);

        // The counter hands over a card; the first sale brings it to the app, as a QR code.
        using var counter = engine.Host.Client(engine.TillKey);
        var issued = await counter.PostAsync($"/api/members/{memberId}/cards", null);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var card = (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["cardNumber"]!;
        await RingUpAsync(till, lattes: 2);
        await Expect(till["#result"]).ToContainTextAsync("Points earned+6");
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "6");
        await Expect(app["#card-qr"]).ToHaveAttributeAsync("data-value", card);

        // Next visit: the till scans the card the app shows (digits, then Enter), and the sale shows in the app live,
        // after the app's first token has expired.
        var firstToken = await AccessTokenAsync(app);
        await Task.Delay(TimeSpan.FromSeconds(ProductionAppFixture.AccessTokenSeconds + 2));
        await FindAsync(till, card, memberId);
        await RingUpAsync(till, lattes: 3);
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "15");
        await Expect(app["#activity li[data-kind='purchase']"]).ToHaveCountAsync(2);
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        Assert.NotEqual(firstToken, await AccessTokenAsync(app));
        await app.AssertNotReloadedAsync();

        // Both sales carry the enrolled till's id in the ledger.
        var activity = await counter.GetFromJsonAsync<JsonNode>($"/api/members/{memberId}/activity");
        var tills = activity!["entries"]!.AsArray().Where(e => (string?)e!["kind"] == "purchase").Select(e => (string?)e!["tillId"]).ToArray();
        Assert.Equal(2, tills.Length);
        Assert.All(tills, t => Assert.Equal(engine.TillId, t));
        app.AssertNoScriptErrors();
        till.AssertNoScriptErrors();
    }

    private static async Task FindAsync(BrowserPage till, string text, string memberId)
    {
        await till["#member-id"].FillAsync("");
        await till["#member-id"].PressSequentiallyAsync(text);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#account-id"]).ToHaveTextAsync(memberId);
    }

    private static async Task RingUpAsync(BrowserPage till, int lattes)
    {
        for (var i = 0; i < lattes; i++)
            await till["[data-testid='add-LATTE']"].ClickAsync();
        await till["#ring-up"].ClickAsync();
    }

    private static Task<string> AccessTokenAsync(BrowserPage app) =>
        app.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('loyalty.member.session')).accessToken");
}
