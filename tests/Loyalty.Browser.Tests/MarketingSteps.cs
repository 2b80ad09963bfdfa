using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>What a marketer, a cashier and a member do on the pages, step by step, for the marketing tests.</summary>
internal static class MarketingSteps
{
    /// <summary>The marketing key the Development environment ships.</summary>
    public const string DevMarketingKey = "dev-marketing-key";

    /// <summary>A datetime-local value; the test browsers run in UTC.</summary>
    public static string LocalInput(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static async Task<BrowserPage> OpenConsoleAsync(this PagesFixture pages)
    {
        var console = await pages.OpenAsync("/console", PagesFixture.Desktop);
        await console["#api-key"].FillAsync(DevMarketingKey);
        await console["#use-key"].ClickAsync();
        await Expect(console["#console-view"]).ToBeVisibleAsync();
        return console;
    }

    public static async Task SaveClubAsync(this BrowserPage console, string clubId, string name)
    {
        await console["#club-id"].FillAsync(clubId);
        await console["#club-name"].FillAsync(name);
        await console["#save-club"].ClickAsync();
        await Expect(console[$"#clubs li[data-club-id='{clubId}']"]).ToContainTextAsync(name);
    }

    public static async Task AddToClubAsync(this BrowserPage console, string clubId, string memberId)
    {
        await console["#membership-club"].SelectOptionAsync(clubId);
        await console["#membership-member"].FillAsync(memberId);
        await console["#add-member"].ClickAsync();
        await Expect(console["#notice"]).ToContainTextAsync($"{memberId} joined");
    }

    /// <summary>Fills the new promotion's form: a multiplier on a category for a club's members, running from a few minutes ago.</summary>
    public static async Task FillPromotionAsync(this BrowserPage console, string name, string clubId, decimal multiplier, string category,
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null)
    {
        var now = DateTimeOffset.UtcNow;
        await console["#promo-name"].FillAsync(name);
        await console["#promo-starts"].FillAsync(LocalInput(startsAt ?? now.AddMinutes(-5)));
        await console["#promo-ends"].FillAsync(LocalInput(endsAt ?? now.AddDays(2)));
        await console["#promo-club"].SelectOptionAsync(clubId);
        await console["#promo-kind"].SelectOptionAsync("multiplier");
        await console["#promo-value"].FillAsync(multiplier.ToString(CultureInfo.InvariantCulture));
        await console["#promo-category"].FillAsync(category);
    }

    public static ILocator Promotion(this BrowserPage console, string name) =>
        console["#promotions li.promotion"].Filter(new LocatorFilterOptions { HasText = name });

    public static async Task SignInAsync(this BrowserPage app, string memberId)
    {
        await app["#member-id"].FillAsync(memberId);
        await app["#sign-in"].ClickAsync();
        await Expect(app["#status"]).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>At the till: finds the member and rings up a number of lattes (3.20 each, category coffee).</summary>
    public static async Task SellLattesAsync(this BrowserPage till, string memberId, int count)
    {
        await till["#member-id"].FillAsync(memberId);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#account-id"]).ToHaveTextAsync(memberId);
        for (var i = 0; i < count; i++)
            await till["[data-testid='add-LATTE']"].ClickAsync();
        await Expect(till["#qty-LATTE"]).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
        await till["#ring-up"].ClickAsync();
        await Expect(till["#qty-LATTE"]).ToHaveTextAsync("0");
    }
}
