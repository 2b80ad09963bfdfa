using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

[Collection(PagesCollection.Name)]
public sealed class MemberAppTests(PagesFixture pages)
{
    private static async Task SignInAsync(BrowserPage app, string memberId)
    {
        await app["#member-id"].FillAsync(memberId);
        await app["#sign-in"].ClickAsync();
        await Expect(app["#account-view"]).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_signed_in_member_sees_a_purchase_at_another_till_without_a_reload()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var app = await pages.OpenAsync("/app");

        await SignInAsync(app, id);
        await Expect(app["#name"]).ToHaveTextAsync("Ada");
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "0");
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await Expect(app["#tier"]).ToHaveTextAsync("Member");
        await Expect(app["#stamps .stamp"]).ToHaveCountAsync(9);
        await app.MarkDocumentAsync();

        await pages.Host.PurchaseAsync(id, "LATTE", "coffee", 2, 3.20m);

        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "6");
        await Expect(app["#balance"]).ToHaveTextAsync("6");
        await Expect(app["#stamps"]).ToHaveAttributeAsync("data-stamps", "2");
        await Expect(app["#stamps .stamp.filled"]).ToHaveCountAsync(2);
        await Expect(app["#activity li[data-kind='purchase']"]).ToHaveCountAsync(1);
        await Expect(app["#expiring"]).ToContainTextAsync("6 points expire on");
        await app.AssertNotReloadedAsync();
        app.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_new_reward_and_a_tier_change_show_live()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Grace");
        await using var app = await pages.OpenAsync("/app", PagesFixture.Desktop);
        await SignInAsync(app, id);
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
        await Expect(app["#rewards li.empty"]).ToBeVisibleAsync();
        await app.MarkDocumentAsync();

        await pages.Host.PurchaseAsync(id, "ESPRESSO", "coffee", 10, 2.40m);
        await Expect(app["#rewards li.reward"]).ToHaveCountAsync(1);
        await Expect(app["#rewards"]).ToContainTextAsync("Free coffee");
        await Expect(app["#stamps"]).ToHaveAttributeAsync("data-stamps", "1");
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "24");

        await pages.Host.PurchaseAsync(id, "TV", "electronics", 1, 600m);
        await Expect(app["#tier"]).ToHaveTextAsync("Silver");
        await Expect(app["#tier-next"]).ToContainTextAsync("to Gold");
        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "774");
        await Expect(app["#activity li[data-kind='tier-changed']"]).ToHaveCountAsync(1);
        await app.AssertNotReloadedAsync();
        app.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_signed_in_member_downloads_their_data_as_a_file_with_their_name_and_their_sales()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Margaret");
        await pages.Host.PurchaseAsync(id, "LATTE", "coffee", 2, 3.20m);
        await pages.Host.PurchaseAsync(id, "TV", "electronics", 1, 600m);
        await using var app = await pages.OpenAsync("/app");
        await SignInAsync(app, id);
        await Expect(app["#name"]).ToHaveTextAsync("Margaret");

        var download = await app.Page.RunAndWaitForDownloadAsync(() => app["#download-data"].ClickAsync());

        Assert.Equal($"member-{id}.json", download.SuggestedFilename);
        using var data = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(id, data.RootElement.GetProperty("memberId").GetString());
        Assert.Equal("Margaret", data.RootElement.GetProperty("account").GetProperty("name").GetString());
        var sales = data.RootElement.GetProperty("ledger").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "purchase").Select(e => e.GetProperty("amount").GetDecimal()).Order().ToArray();
        Assert.Equal([6.40m, 600m], sales);
        await Expect(app["#download-data"]).ToBeEnabledAsync();
        app.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_session_survives_a_reload_and_sign_out_ends_it()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Linus");
        await using var app = await pages.OpenAsync("/app");
        await SignInAsync(app, id);
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");

        await app.Page.ReloadAsync();
        await Expect(app["#name"]).ToHaveTextAsync("Linus");
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");

        await app["#sign-out"].ClickAsync();
        await Expect(app["#signin-view"]).ToBeVisibleAsync();
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "stopped");
        Assert.Null(await app.Page.EvaluateAsync<string?>("() => localStorage.getItem('loyalty.member.session')"));
    }

    [Fact]
    public async Task Signing_in_as_someone_not_enrolled_says_so()
    {
        await using var app = await pages.OpenAsync("/app");
        await app["#member-id"].FillAsync(EngineApi.NewMemberId());
        await app["#sign-in"].ClickAsync();
        await Expect(app["#signin-error"]).ToContainTextAsync("is enrolled");
        await Expect(app["#account-view"]).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_member_token_cannot_watch_another_member()
    {
        var own = EngineApi.NewMemberId();
        var other = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(own, "Own");
        await pages.Host.EnrolAsync(other, "Other");
        var token = await pages.Host.MemberTokenAsync(own);
        await using var app = await pages.OpenAsync("");
        var session = JsonSerializer.Serialize(new { memberId = other, accessToken = token, expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        await app.Page.Context.AddInitScriptAsync($"localStorage.setItem('loyalty.member.session', {JsonSerializer.Serialize(session)});");

        await app.Page.GotoAsync("/app");

        await Expect(app["#account-view"]).ToBeVisibleAsync();
        await Expect(app["#error"]).ToBeVisibleAsync();
        await Expect(app["#error"]).ToContainTextAsync("Live updates refused");
        await Expect(app["#error"]).ToContainTextAsync("only their own account");
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "refused");
        await Expect(app["#name"]).ToHaveTextAsync("");
        Assert.Null(await app["#balance"].GetAttributeAsync("data-value"));
        app.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }
}
