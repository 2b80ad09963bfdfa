using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>The till finds customers by what they give (card, phone, e-mail) and enrols new ones with a card.</summary>
[Collection(PagesCollection.Name)]
public sealed class TillIdentityTests(PagesFixture pages)
{
    private Task<string> EnrolWithCardAsync(string memberId, string name, string email, string phone) =>
        pages.Host.EnrolWithCardAsync(memberId, name, email, phone);

    private static string NewPhone() => $"07400 {Random.Shared.Next(100_000, 1_000_000)}";

    private static async Task FindAsync(BrowserPage till, string text, string memberId)
    {
        await till["#member-id"].FillAsync("");
        await till["#member-id"].PressSequentiallyAsync(text); // as a keyboard-wedge scanner types it
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#member"]).ToBeVisibleAsync();
        await Expect(till["#account-id"]).ToHaveTextAsync(memberId);
    }

    [Fact]
    public async Task The_till_finds_the_customer_by_card_phone_or_email()
    {
        var (id, other) = (EngineApi.NewMemberId(), EngineApi.NewMemberId());
        var phone = NewPhone();
        var card = await EnrolWithCardAsync(id, "Grace", $"grace.{id}@example.org".ToLowerInvariant(), phone);
        var otherPhone = NewPhone();
        await EnrolWithCardAsync(other, "Alan", $"alan.{other}@example.org".ToLowerInvariant(), otherPhone);
        await using var till = await pages.OpenAsync("/till");

        await FindAsync(till, card, id);
        await Expect(till["#name"]).ToHaveTextAsync("Grace");
        await FindAsync(till, "+44 " + otherPhone[1..], other);
        await FindAsync(till, $"GRACE.{id}@EXAMPLE.ORG", id);
        await FindAsync(till, otherPhone, other);
        await Expect(till["#error"]).ToBeHiddenAsync();
        till.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_unknown_card_is_said_in_words_and_an_unknown_phone_offers_enrolment_with_a_new_card()
    {
        await using var till = await pages.OpenAsync("/till");
        await till["#member-id"].FillAsync("4111 1111 1111 1111");
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#error"]).ToContainTextAsync("No member has this card");
        await Expect(till["#member"]).ToBeHiddenAsync();

        var phone = NewPhone();
        await till["#member-id"].FillAsync(phone);
        await till["#member-id"].PressAsync("Enter");
        await Expect(till["#enrol-form"]).ToBeVisibleAsync();
        await Expect(till["#enrol-note"]).ToContainTextAsync("No member has this phone number");
        await Expect(till["#enrol-phone"]).ToHaveValueAsync(phone);
        var memberId = await till["#enrol-id"].InputValueAsync();
        Assert.Matches("^M-[A-Z2-9]{10}$", memberId);
        await till["#enrol-name"].FillAsync("Katherine");
        await till["#enrol"].ClickAsync();

        await Expect(till["#member"]).ToBeVisibleAsync();
        await Expect(till["#name"]).ToHaveTextAsync("Katherine");
        await Expect(till["#result"]).ToContainTextAsync("Card number");
        var shown = await till["#result dd"].Last.TextContentAsync();
        var card = shown!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[0-9]{16}$", card);
        Assert.Equal("4", shown.Split(' ').Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await till["#new-member"].ClickAsync();
        await FindAsync(till, card, memberId);
        await FindAsync(till, phone, memberId);
        till.AssertNoScriptErrors(BrowserPage.FailedRequest);
    }

    [Fact]
    public async Task A_new_customer_is_enrolled_with_an_email_and_handed_a_card()
    {
        await using var till = await pages.OpenAsync("/till");
        await till["#new-member"].ClickAsync();
        await Expect(till["#enrol-form"]).ToBeVisibleAsync();
        var memberId = await till["#enrol-id"].InputValueAsync();
        var email = $"{memberId.ToLowerInvariant()}@example.org";
        await till["#enrol-name"].FillAsync("Dorothy");
        await till["#enrol-email"].FillAsync(email);
        await till["#enrol"].ClickAsync();

        await Expect(till["#result"]).ToContainTextAsync("Card number");
        var card = (await till["#result dd"].Last.TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await till["#new-member"].ClickAsync();
        await FindAsync(till, card, memberId);
        await Expect(till["#name"]).ToHaveTextAsync("Dorothy");
        await FindAsync(till, email, memberId);
        till.AssertNoScriptErrors();
    }
}
