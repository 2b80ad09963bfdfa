using System.Net;
using System.Text.Json.Nodes;
using Loyalty.Testing;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>
/// "Delete my data" in the member app: a member who signed up and bought erases themself after the confirmation, the
/// app signs out and says so, the engine answers 410 for the id, and the SQLite file and its log hold neither the name
/// nor the e-mail address.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class AppErasureTests(PagesFixture pages, ProductionAppFixture engine) : IClassFixture<ProductionAppFixture>
{
    [Fact]
    public async Task A_member_deletes_their_data_from_the_app_after_confirming_and_is_signed_out()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"Philippa Wrenfield{tag}", $"pw.{tag}@erasure.example.org");
        await using var app = await pages.OpenAsync(engine.Host.BaseAddress, "/app");
        await app["#email"].FillAsync(email);
        await app["#send-code"].ClickAsync();
        await app["#code"].FillAsync((await engine.Smtp.WaitForMailAsync(email)).SignInCode);
        await app["#name-input"].FillAsync(name);
        await app["#verify"].ClickAsync();
        await Expect(app["#name"]).ToHaveTextAsync(name);
        var memberId = (await app["#account-id"].TextContentAsync())!;
        await engine.Host.PurchaseAsync(memberId, "LATTE", "coffee", 2, 3.20m, engine.TillKey);
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "6");

        await app["#erase-start"].ClickAsync();
        await Expect(app["#erase-confirm"]).ToBeVisibleAsync();
        await Expect(app["#erase-confirm"]).ToContainTextAsync("name, e-mail address, phone number and birth date are deleted");
        await Expect(app["#erase-confirm"]).ToContainTextAsync("6 points, your rewards and your stamps are lost");
        await Expect(app["#erase-go"]).ToBeDisabledAsync();
        await app["#erase-cancel"].ClickAsync(); // changing one's mind keeps everything
        await Expect(app["#erase-confirm"]).ToBeHiddenAsync();
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "6");
        await app["#erase-start"].ClickAsync();
        await app["#erase-understood"].CheckAsync();
        await app["#erase-go"].ClickAsync();

        await Expect(app["#email-form"]).ToBeVisibleAsync();
        await Expect(app["#account-view"]).ToBeHiddenAsync();
        await Expect(app["#signin-error"]).ToContainTextAsync("Your data was deleted and you are signed out");
        Assert.Null(await app.Page.EvaluateAsync<string?>("() => localStorage.getItem('loyalty.member.session')"));

        using var till = engine.Host.Client(engine.TillKey);
        var gone = await till.GetAsync($"/api/members/{memberId}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("urn:loyalty:problem:member-erased", (string?)JsonNode.Parse(await gone.Content.ReadAsStringAsync())!["type"]);
        Assert.Empty(PersonalDataSearch.InSqliteFiles(engine.DatabaseFile, name, email));
        app.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }
}
