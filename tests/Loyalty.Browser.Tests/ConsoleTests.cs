using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The marketing console at /console, with the till and the member app it works on.</summary>
[Collection(PagesCollection.Name)]
public sealed class ConsoleTests(PagesFixture pages)
{
    private const string CoffeeClub = "coffee-club";
    private const string DoublePoints = "Double points on coffee for Coffee Club members";

    [Fact]
    public async Task A_club_promotion_made_in_the_console_is_announced_to_a_member_and_applies_to_members_only()
    {
        var member = EngineApi.NewMemberId();
        var other = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(member, "Ada");
        await pages.Host.EnrolAsync(other, "Brian");

        await using var app = await pages.OpenAsync("/app");
        await app.SignInAsync(member);
        await Expect(app["#promotions li.empty"]).ToBeVisibleAsync();
        await app.MarkDocumentAsync();

        await using var console = await pages.OpenConsoleAsync();
        await console.SaveClubAsync(CoffeeClub, "Coffee Club");
        await console.AddToClubAsync(CoffeeClub, member);
        await console.FillPromotionAsync(DoublePoints, CoffeeClub, 2m, "coffee");
        await console["#create-promotion"].ClickAsync();
        await Expect(console["#notice"]).ToContainTextAsync($"Promotion '{DoublePoints}' created (running)");
        await Expect(console.Promotion(DoublePoints)).ToHaveAttributeAsync("data-status", "running");
        await Expect(console.Promotion(DoublePoints)).ToContainTextAsync("2\u00d7 points on coffee");
        await Expect(console.Promotion(DoublePoints)).ToContainTextAsync("Coffee Club members");

        // The member's app hears of it (announced, hence marked new) without a reload.
        var announced = app["#promotions li[data-new='true']"];
        await Expect(announced).ToContainTextAsync(DoublePoints);
        await Expect(announced).ToContainTextAsync("2\u00d7 points on coffee");

        await using var till = await pages.OpenAsync("/till", PagesFixture.Desktop);
        await till.SellLattesAsync(member, 2);
        await Expect(till["#result"]).ToContainTextAsync("Points earned+12");
        await Expect(till["#result"]).ToContainTextAsync($"Promotion{DoublePoints} (+6 points)");

        await till.SellLattesAsync(other, 2);
        await Expect(till["#result"]).ToContainTextAsync("Points earned+6");
        await Expect(till["#result"]).Not.ToContainTextAsync("Promotion");

        await Expect(app["#balance"]).ToHaveAttributeAsync("data-value", "12");
        await Expect(app["#clubs li[data-club-id='coffee-club']"]).ToHaveTextAsync("Coffee Club");
        await Expect(app["#promotions li.promotion"].Filter(new() { HasText = DoublePoints })).ToHaveCountAsync(1);
        await app.AssertNotReloadedAsync();
        app.AssertNoScriptErrors();
        console.AssertNoScriptErrors();
        till.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_promotion_that_ends_before_it_starts_shows_the_error_at_its_field_and_creates_nothing()
    {
        await using var console = await pages.OpenConsoleAsync();
        var club = "club-" + Guid.NewGuid().ToString("N")[..8];
        await console.SaveClubAsync(club, "Night owls");
        var name = "Backwards " + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        await console.FillPromotionAsync(name, club, 2m, "coffee", startsAt: now.AddDays(2), endsAt: now.AddDays(1));
        await console["#create-promotion"].ClickAsync();

        await Expect(console["#promo-ends-error"]).ToContainTextAsync("'endsAt' must be after 'startsAt'.");
        await Expect(console["#promo-ends"]).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(console["#promo-name"]).ToHaveValueAsync(name);
        await Expect(console.Promotion(name)).ToHaveCountAsync(0);

        using var marketing = pages.Host.Client();
        marketing.DefaultRequestHeaders.Add("X-Api-Key", MarketingSteps.DevMarketingKey);
        var all = await marketing.GetFromJsonAsync<JsonArray>("/api/promotions");
        Assert.DoesNotContain(all!, p => (string?)p!["name"] == name);
        console.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task Ending_a_promotion_in_the_console_stops_it_applying_at_the_till()
    {
        var member = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(member, "Grace");
        var club = "club-" + Guid.NewGuid().ToString("N")[..8];
        var name = "Triple coffee " + club;

        await using var console = await pages.OpenConsoleAsync();
        await console.SaveClubAsync(club, "Early birds");
        await console.AddToClubAsync(club, member);
        await console.FillPromotionAsync(name, club, 3m, "coffee");
        await console["#create-promotion"].ClickAsync();
        await Expect(console.Promotion(name)).ToHaveAttributeAsync("data-status", "running");

        await using var till = await pages.OpenAsync("/till", PagesFixture.Desktop);
        await till.SellLattesAsync(member, 2);
        await Expect(till["#result"]).ToContainTextAsync("Points earned+19");
        await Expect(till["#result"]).ToContainTextAsync($"Promotion{name}");

        await console.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"End {name}" }).ClickAsync();
        await Expect(console["#notice"]).ToContainTextAsync($"Promotion '{name}' ended.");
        await Expect(console.Promotion(name)).ToHaveCountAsync(0);
        await console["#promotions-filter"].SelectOptionAsync("");
        await Expect(console.Promotion(name)).ToHaveAttributeAsync("data-status", "ended");

        await till.SellLattesAsync(member, 2);
        await Expect(till["#result"]).ToContainTextAsync("Points earned+6");
        await Expect(till["#result"]).Not.ToContainTextAsync("Promotion");

        await console["#load-audit"].ClickAsync();
        await Expect(console["#promotion-audit li"].Filter(new() { HasText = name })).ToHaveCountAsync(2);
        await Expect(console["#club-audit li"].Filter(new() { HasText = club })).ToHaveCountAsync(1);
        console.AssertNoScriptErrors();
        till.AssertNoScriptErrors();
    }
}
