using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The till page signed in as an enrolled till: a session token in the browser, never the key; revocation in words.</summary>
[Collection(PagesCollection.Name)]
public sealed class EnrolledTillTests(PagesFixture pages)
{
    /// <summary>The operations key the Development environment ships.</summary>
    private const string DevOperationsKey = "dev-operations-key";

    private const string ScriptErrorsOfARefusal = "negotiation";

    /// <summary>Enrols a till and types its key into a new till page; the page has exchanged it for a session token.</summary>
    private async Task<(string TillId, string Key, BrowserPage Till)> SignInAsync(HttpClient operations, string name)
    {
        var enrolled = await (await operations.PostAsJsonAsync("/api/tills", new { name, storeId = "S-09" })).Content.ReadFromJsonAsync<JsonNode>();
        var (tillId, key) = ((string)enrolled!["tillId"]!, (string)enrolled["key"]!);
        var till = await pages.OpenAsync("/till", PagesFixture.Desktop);
        await till["#settings summary"].ClickAsync();
        await till["#api-key"].FillAsync(key);
        await till["#api-key"].PressAsync("Tab");
        await Expect(till["#settings-summary"]).ToContainTextAsync("session until");
        return (tillId, key, till);
    }

    /// <summary>A refusal in a session's first seconds does not end it (another node may not know it yet): waits them out.</summary>
    private static Task PastTheNewSessionGraceAsync(BrowserPage till) => till.Page.WaitForFunctionAsync(
        "() => Date.now() - JSON.parse(localStorage.getItem('loyalty.till.session')).startedAt >= 5000", null, new() { Timeout = 10_000 });

    [Fact]
    public async Task The_page_keeps_a_session_token_not_the_key_and_says_so_when_the_till_is_revoked()
    {
        using var operations = pages.Host.Client(DevOperationsKey);
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Grace");
        var (tillId, key, till) = await SignInAsync(operations, "Counter 9");
        await using var _ = till;
        await Expect(till["#api-key"]).ToHaveValueAsync("");
        var stored = await till.Page.EvaluateAsync<string[]>("() => Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k))");
        Assert.Contains(stored, s => s.StartsWith("loyalty.till.session=", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, s => s.Contains(key, StringComparison.Ordinal));
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "live");

        await till["#member-id"].FillAsync(id);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#name"]).ToHaveTextAsync("Grace");
        await till["[data-testid='add-LATTE']"].ClickAsync();
        await till["#ring-up"].ClickAsync();
        await Expect(till["#result"]).ToContainTextAsync("Points earned");
        using var devTill = pages.Host.Client(PagesHost.DevTillKey);
        var activity = await devTill.GetFromJsonAsync<JsonNode>($"/api/members/{id}/activity");
        Assert.Equal(tillId, (string?)activity!["entries"]!.AsArray().Single(e => (string?)e!["kind"] == "purchase")!["tillId"]);

        await PastTheNewSessionGraceAsync(till);
        Assert.Equal(HttpStatusCode.NoContent, (await operations.DeleteAsync($"/api/tills/{tillId}")).StatusCode);
        // The engine closes the till's live connection and refuses the reconnection: the page says so by itself.
        await Expect(till["#error"]).ToContainTextAsync("the till was revoked");
        await Expect(till["#status"]).ToHaveAttributeAsync("data-state", "refused");
        await Expect(till["#settings"]).ToHaveAttributeAsync("open", "");
        await Expect(till["#settings-summary"]).ToContainTextAsync("signed out");
        Assert.DoesNotContain("tillsession_", await till.Page.EvaluateAsync<string>("() => localStorage.getItem('loyalty.till.session')"), StringComparison.Ordinal);
        till.AssertNoScriptErrors(BrowserPage.FailedRequest, ScriptErrorsOfARefusal);
    }

    [Fact]
    public async Task A_till_revoked_while_its_page_is_closed_is_told_so_at_the_next_visit()
    {
        using var operations = pages.Host.Client(DevOperationsKey);
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Alan");
        var (tillId, _, till) = await SignInAsync(operations, "Counter 10");
        await using var _ = till;
        await PastTheNewSessionGraceAsync(till);

        await till.Page.GotoAsync("about:blank");
        Assert.Equal(HttpStatusCode.NoContent, (await operations.DeleteAsync($"/api/tills/{tillId}")).StatusCode);
        await till.Page.GotoAsync(new Uri(pages.Host.BaseAddress, $"/till?member={id}").ToString());
        await Expect(till["#error"]).ToContainTextAsync("Type the till's key in the settings to sign in again");
        await Expect(till["#member"]).ToBeHiddenAsync();
        till.AssertNoScriptErrors(BrowserPage.FailedRequest, ScriptErrorsOfARefusal);
    }
}
