using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class StampCardTests
{
    [Fact]
    public void Every_coffee_unit_adds_one_stamp()
    {
        var m = new TestMember();
        var outcome = m.Buy(Coffee(2));
        var card = Assert.Single(outcome.StampCards);
        Assert.Equal(new StampCardView("coffee", 2, 9), card);
        Assert.Equal(2, m.Stamps());
    }

    [Fact]
    public void The_category_is_matched_without_regard_to_case()
    {
        var m = new TestMember();
        m.Buy(new PurchaseLine("ESPRESSO", "COFFEE", 1, 2m), new PurchaseLine("MOCHA", "Coffee", 2, 4m));
        Assert.Equal(3, m.Stamps());
    }

    [Fact]
    public void Other_categories_and_lines_without_category_add_no_stamp()
    {
        var m = new TestMember();
        var outcome = m.Buy(Item(2m, quantity: 5, category: "tea"), Item(1m, category: null), Item(1m, category: "coffee-beans"));
        Assert.Equal(0, m.Stamps());
        Assert.Equal(0, outcome.StampCards[0].Stamps);
    }

    [Fact]
    public void A_new_member_has_an_empty_card_and_no_reward()
    {
        var m = new TestMember();
        Assert.Equal(0, m.State.Stamps["coffee"]);
        Assert.Empty(m.State.RewardBatches);
        Assert.Empty(m.State.ClosedRewards);
    }

    [Fact]
    public void Eight_stamps_issue_nothing()
    {
        var m = new TestMember();
        var outcome = m.Buy(Coffee(8));
        Assert.Empty(outcome.RewardsIssued);
        Assert.Equal(8, m.Stamps());
    }

    [Fact]
    public void The_ninth_stamp_issues_a_free_coffee_and_restarts_the_card()
    {
        var m = new TestMember();
        m.Buy(Coffee(8));
        var outcome = m.BuyAs("T-NINE", Coffee(1));

        var reward = Assert.Single(outcome.RewardsIssued);
        Assert.Equal("free-item", reward.Kind);
        Assert.Equal("Free coffee", reward.Description);
        Assert.Equal(m.Now.AddDays(90), reward.ExpiresAt);
        Assert.Equal(0, m.Stamps());
        Assert.Equal(0, outcome.StampCards[0].Stamps);

        var entry = m.Entries(LedgerKinds.RewardIssued).Single();
        Assert.Equal($"coffee-{entry.Sequence}", reward.RewardId);
        Assert.Equal("T-NINE", entry.TransactionId);
        Assert.Equal(0, entry.Points);
        var stored = Assert.Single(m.OpenRewards);
        Assert.Equal(RewardStatus.Issued, m.StatusOf(reward.RewardId));
        Assert.Equal(reward.RewardId, stored.RewardId);
        Assert.Equal(entry.Sequence, stored.Number); // the entry that names the sale
        Assert.Equal("coffee", stored.CardId);
        Assert.Equal(m.Now.AddDays(90), stored.ExpiresAt);
    }

    [Fact]
    public void Surplus_stamps_carry_over()
    {
        var m = new TestMember();
        m.Buy(Coffee(8));
        var outcome = m.Buy(Coffee(3));
        Assert.Single(outcome.RewardsIssued);
        Assert.Equal(2, m.Stamps());
    }

    [Fact]
    public void Twenty_coffees_issue_two_rewards_and_leave_two_stamps()
    {
        var m = new TestMember();
        var outcome = m.Buy(Coffee(20));
        Assert.Equal(new RewardView("coffee-3", "free-item", "Free coffee", T0.AddDays(90), 2), Assert.Single(outcome.RewardsIssued));
        Assert.Equal(2, m.Stamps());
        var entry = Assert.Single(m.Entries(LedgerKinds.RewardIssued)); // enrolled = 1, purchase = 2, one entry for the group
        Assert.Equal((3L, "2 × Free coffee issued (coffee card)"), (entry.Sequence, entry.Description));
        Assert.Contains("\"count\":2", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Stamps_from_several_coffee_lines_of_one_purchase_add_up()
    {
        var m = new TestMember();
        var outcome = m.Buy(Coffee(5, sku: "LATTE"), Item(2m, sku: "MUFFIN", category: "bakery"), Coffee(4, sku: "FLAT-WHITE"));
        Assert.Single(outcome.RewardsIssued);
        Assert.Equal(0, m.Stamps());
    }

    [Fact]
    public void Rewards_that_expire_on_one_day_are_counted_in_one_group_and_other_days_have_their_own()
    {
        var m = new TestMember();
        for (var i = 0; i < 10; i++)
            m.Buy(Coffee(9));
        m.AdvanceDays(1);
        m.Buy(Coffee(9));
        Assert.Equal([("coffee-3", 10), ("coffee-23", 1)], m.OpenRewards.Select(r => (r.RewardId, r.Count)));
    }

    [Fact]
    public void Rewards_are_written_after_the_purchase_and_its_tier_change()
    {
        var m = new TestMember();
        m.Buy(Coffee(9, unitPrice: 60m)); // 540.00: Silver and a reward in one sale
        var kinds = m.State.Outbox.Skip(1).Select(e => e.Kind).ToArray();
        Assert.Equal([LedgerKinds.Purchase, LedgerKinds.TierChanged, LedgerKinds.RewardIssued], kinds);
    }

    [Fact]
    public void Coffee_also_earns_points()
    {
        var m = new TestMember();
        Assert.Equal(28, m.Buy(Coffee(9)).PointsEarned); // 28.80
    }

    [Fact]
    public void A_programme_without_stamp_cards_reports_none()
    {
        var options = ProgrammeOptions.Demo();
        options.StampCards = [];
        var m = new TestMember(options);
        var outcome = m.Buy(Coffee(20));
        Assert.Empty(outcome.StampCards);
        Assert.Empty(outcome.RewardsIssued);
        Assert.Empty(m.State.Stamps);
    }

    [Fact]
    public void A_card_of_one_stamp_issues_a_reward_per_unit()
    {
        var options = ProgrammeOptions.Demo();
        options.StampCards[0].StampsRequired = 1;
        var m = new TestMember(options);
        Assert.Equal(3, Assert.Single(m.Buy(Coffee(3)).RewardsIssued).Count);
        Assert.Equal(0, m.Stamps());
    }
}
