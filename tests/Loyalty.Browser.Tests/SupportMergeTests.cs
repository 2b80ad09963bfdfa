using static Microsoft.Playwright.Assertions;

namespace Loyalty.Browser.Tests;

/// <summary>
/// Merging two members on the support page (<c>POST /api/members/{targetId}/merges</c>): a confirmation shows both side
/// by side, then the target holds everything and the source's id is served by the target.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class SupportMergeTests(PagesFixture pages)
{
    [Fact]
    public async Task Two_members_are_merged_after_a_confirmation_that_shows_both_side_by_side()
    {
        var (target, source) = (EngineApi.NewMemberId(), EngineApi.NewMemberId());
        await pages.Host.EnrolAsync(target, "Ada Lovelace");
        await pages.Host.EnrolAsync(source, "Ada L.");
        await pages.Host.PurchaseAsync(target, "SANDWICH", "food", 2, 6.50m); // 13 points
        await pages.Host.PurchaseAsync(source, "LATTE", "coffee", 3, 3.20m);  // 9 points, 3 stamps
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await SupportTests.FindAsync(support, target, target);
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "13");

        await support["#merge-search"].FillAsync(source);
        await support["#merge-find"].ClickAsync();
        await Expect(support["#merge-confirm"]).ToBeVisibleAsync();
        await Expect(support["#merge-source dd"]).ToHaveTextAsync(["Ada L.", source, "9 points", "Member"]);
        await Expect(support["#merge-target dd"]).ToHaveTextAsync(["Ada Lovelace", target, "13 points", "Member"]);
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "13"); // nothing happens before the confirmation

        await support["#merge"].ClickAsync();
        await Expect(support["#notice"]).ToContainTextAsync($"{source} merged into {target}");
        await Expect(support["#merge-confirm"]).ToBeHiddenAsync();
        await Expect(support["#balance"]).ToHaveAttributeAsync("data-value", "22");
        await Expect(support["#stamps"]).ToHaveAttributeAsync("data-stamps", "3");
        await Expect(support["#ledger li[data-kind='merged-in']"]).ToContainTextAsync("Another account merged in");

        // The source's id now finds the target.
        await SupportTests.FindAsync(support, source, target);
        await Expect(support["#name"]).ToHaveTextAsync("Ada Lovelace");
        support.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_member_cannot_be_merged_into_themself()
    {
        var id = EngineApi.NewMemberId();
        await pages.Host.EnrolAsync(id, "Ada");
        await using var support = await pages.OpenAsync("/support", PagesFixture.Desktop);
        await SupportTests.FindAsync(support, id, id);
        await support["#merge-search"].FillAsync(id);
        await support["#merge-find"].ClickAsync();
        await Expect(support["#error"]).ToContainTextAsync("That is the member shown");
        await Expect(support["#merge-confirm"]).ToBeHiddenAsync();
        support.AssertNoScriptErrors();
    }
}
