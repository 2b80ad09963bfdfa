using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

[Collection(PagesCollection.Name)]
public sealed class AppSignUpTests(PagesFixture pages, ProductionAppFixture engine) : IClassFixture<ProductionAppFixture>
{
    /// <summary>Records every state the live status takes, from the page's first script on.</summary>
    private const string RecordStates = """
        window.__states = [];
        new MutationObserver(() => {
          const s = document.getElementById('status');
          if (s && window.__states[window.__states.length - 1] !== s.dataset.state) window.__states.push(s.dataset.state);
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
        """;

    [Fact]
    public async Task A_new_customer_signs_up_with_the_mailed_code_and_stays_live_across_token_renewals()
    {
        var email = $"new.{Guid.NewGuid():N}@example.org";
        await using var app = await pages.OpenAsync(engine.Host.BaseAddress, "");
        await app.Page.Context.AddInitScriptAsync(RecordStates);
        await app.Page.GotoAsync("/app");
        await Expect(app["#dev-signin-form"]).ToBeHiddenAsync();

        await app["#email"].FillAsync(email);
        await app["#send-code"].ClickAsync();
        await Expect(app["#code-sent"]).ToContainTextAsync($"We sent a code to {email}");
        var code = (await engine.Smtp.WaitForMailAsync(email)).SignInCode;
        await app["#code"].FillAsync(code);
        await app["#name-input"].FillAsync("Ada");
        await app["#verify"].ClickAsync();

        await Expect(app["#account-view"]).ToBeVisibleAsync();
        await Expect(app["#name"]).ToHaveTextAsync("Ada");
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await Expect(app["#card-none"]).ToContainTextAsync("ask at the counter for a card");
        var memberId = await app["#account-id"].TextContentAsync();
        Assert.Matches("^m-[a-z2-7]{16}$", memberId);
        await app.MarkDocumentAsync();

        // Past two lifetimes of the first token: renewed in time, the live view never dropped.
        var firstToken = await AccessTokenAsync(app);
        await Task.Delay(TimeSpan.FromSeconds(2 * ProductionAppFixture.AccessTokenSeconds + 2));
        Assert.NotEqual(firstToken, await AccessTokenAsync(app));
        await engine.Host.PurchaseAsync(memberId!, "LATTE", "coffee", 2, 3.20m, engine.TillKey);

        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "6");
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        var states = await app.Page.EvaluateAsync<string[]>("() => window.__states");
        Assert.DoesNotContain("offline", states);
        Assert.DoesNotContain("reconnecting", states);
        await app.AssertNotReloadedAsync();

        await app["#sign-out"].ClickAsync();
        await Expect(app["#email-form"]).ToBeVisibleAsync();
        Assert.Null(await app.Page.EvaluateAsync<string?>("() => localStorage.getItem('loyalty.member.session')"));
        app.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_wrong_code_says_so_and_nothing_signs_in()
    {
        var email = $"wrong.{Guid.NewGuid():N}@example.org";
        await using var app = await pages.OpenAsync(engine.Host.BaseAddress, "/app");
        await app["#email"].FillAsync(email);
        await app["#send-code"].ClickAsync();
        var code = (await engine.Smtp.WaitForMailAsync(email)).SignInCode;
        await app["#code"].FillAsync(code == "111111" ? "222222" : "111111");
        await app["#verify"].ClickAsync();

        await Expect(app["#signin-error"]).ToContainTextAsync("wrong or has expired");
        await Expect(app["#account-view"]).ToBeHiddenAsync();
        app.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task My_card_shows_the_first_card_number_as_a_qr_code_of_240_pixels()
    {
        var email = $"card.{Guid.NewGuid():N}@example.org";
        await using var app = await pages.OpenAsync(engine.Host.BaseAddress, "/app");
        await app["#email"].FillAsync(email);
        await app["#send-code"].ClickAsync();
        await app["#code"].FillAsync((await engine.Smtp.WaitForMailAsync(email)).SignInCode);
        await app["#verify"].ClickAsync();
        await Expect(app["#card-none"]).ToContainTextAsync("ask at the counter for a card");
        await Expect(app["#account-id"]).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^m-")); // the account is shown
        var memberId = (await app["#account-id"].TextContentAsync())!;

        // The counter hands over a card; the app shows it with the next change of the account (here, a sale).
        using var till = engine.Host.Client(engine.TillKey);
        var issued = await till.PostAsync($"/api/members/{memberId}/cards", null);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var card = (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["cardNumber"]!;
        await engine.Host.PurchaseAsync(memberId, "LATTE", "coffee", 1, 3.20m, engine.TillKey);

        await Expect(app["#card-qr"]).ToBeVisibleAsync();
        await Expect(app["#card-qr"]).ToHaveAttributeAsync("data-value", card);
        await Expect(app["#card-number"]).ToHaveTextAsync(string.Join(' ', card.Chunk(4).Select(g => new string(g))));
        await Expect(app["#card-none"]).ToBeHiddenAsync();
        var box = await app["#card-qr"].BoundingBoxAsync();
        Assert.Equal(240, box!.Width, 0.5);
        Assert.Equal(240, box.Height, 0.5);
        var darkShare = await app.Page.EvaluateAsync<double>("""
            () => { const c = document.getElementById('card-qr'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++; return dark / (d.length / 4); }
            """);
        Assert.InRange(darkShare, 0.2, 0.6); // a QR code: modules drawn, neither blank nor solid
        app.AssertNoScriptErrors();
    }

    private static Task<string> AccessTokenAsync(BrowserPage app) =>
        app.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('loyalty.member.session')).accessToken");
}
