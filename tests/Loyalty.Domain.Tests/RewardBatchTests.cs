using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// Open rewards are kept in batches by card and expiry day, each batch one group with a count: redeeming its id uses
/// one, a refund revokes the refunded sale's share, and the group expires whole.
/// </summary>
public class RewardBatchTests
{
    private static readonly DateTimeOffset AtB = T0.AddHours(1).AddTicks(1_234_567);
    private static readonly DateTimeOffset AtC = T0.AddHours(2).AddTicks(42);

    /// <summary>Sales A, B and C on one day, each completing a card: three rewards in group coffee-3.</summary>
    private static TestMember ThreeRewardsOneDay()
    {
        var m = new TestMember();
        foreach (var (transactionId, at) in new[] { ("A", T0), ("B", AtB), ("C", AtC) })
        {
            m.AdvanceTo(at);
            Assert.Single(m.BuyAs(transactionId, Coffee(9)).RewardsIssued);
        }
        return m;
    }

    private static string Details(string rewardId, string expiresAt, int? count = null) =>
        $$"""{"rewardId":"{{rewardId}}","kind":"free-item","description":"Free coffee","expiresAt":"{{expiresAt}}"{{(count is null ? "" : $",\"count\":{count}")}}}""";

    [Fact]
    public void Rewards_of_one_day_are_one_group_that_expires_at_the_latest_of_their_times()
    {
        var m = ThreeRewardsOneDay();

        var batch = Assert.Single(m.State.RewardBatches);
        Assert.Equal(("coffee", Day(T0.AddDays(90))), (batch.CardId, batch.ExpiresOn));
        Assert.Equal([3L], batch.Numbers); // the group is numbered by the entry that opened it
        Assert.Equal([3], batch.Counts);
        Assert.Equal([new RewardView("coffee-3", "free-item", "Free coffee", AtC.AddDays(90), 3)],
            m.Programme.View(m.State, "M-1", m.Now).Rewards);
        // Sale B's entry: one reward, added to coffee-3, which then expired at B's time
        Assert.Equal(Details("coffee-3", "2026-04-15T11:00:00.1234567+00:00"), m.State.Outbox.Single(e => e.Sequence == 5).Details);
    }

    [Fact]
    public void Redeeming_a_group_uses_one_reward_and_leaves_the_others()
    {
        var m = ThreeRewardsOneDay();

        var outcome = TestMember.Ok(m.TryRedeem(null, "coffee-3", "R-1"));

        Assert.Equal(new RewardView("coffee-3", "free-item", "Free coffee", AtC.AddDays(90)), outcome.RewardRedeemed);
        Assert.Equal([2], Assert.Single(m.State.RewardBatches).Counts);
        Assert.Equal([("coffee-3", 2)], m.Programme.View(m.State, "M-1", m.Now).Rewards.Select(r => (r.RewardId, r.Count)));
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.RewardRedeemed, "R-1", "Free coffee redeemed"), (entry.Kind, entry.TransactionId, entry.Description));
        Assert.Contains(Details("coffee-3", "2026-04-15T12:00:00.0000042+00:00")[1..], entry.Details, StringComparison.Ordinal);

        var before = StateSnapshot.Of(m.State);
        Assert.Equal(outcome with { Duplicate = true }, TestMember.Ok(m.TryRedeem(null, "coffee-3", "R-1")));
        Assert.Equal(before, StateSnapshot.Of(m.State));

        m.RedeemReward("coffee-3");
        m.RedeemReward("coffee-3");
        Assert.Empty(m.State.RewardBatches);
        Assert.Equal([3L], Assert.Single(m.State.ClosedRewards).Numbers);
        var again = TestMember.Rejected(m.TryRedeem(null, "coffee-3"), RejectionCode.RewardUnavailable);
        Assert.Contains("already used", again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_expires_whole_at_its_edge_in_one_entry()
    {
        var m = new TestMember();
        var issued = Assert.Single(m.BuyAs("A", Coffee(27)).RewardsIssued);
        Assert.Equal(("coffee-3", 3), (issued.RewardId, issued.Count));

        m.AdvanceTo(T0.AddDays(90).AddTicks(-1));
        Assert.Empty(m.Entries(LedgerKinds.RewardExpired));
        Assert.Equal(3, Assert.Single(m.Programme.View(m.State, "M-1", m.Now).Rewards).Count);
        m.RedeemReward("coffee-3"); // usable one tick before

        Assert.True(m.AdvanceTo(T0.AddDays(90)));

        var expired = Assert.Single(m.Entries(LedgerKinds.RewardExpired));
        Assert.Equal(Details("coffee-3", "2026-04-15T10:00:00+00:00", 2), expired.Details);
        Assert.Equal((T0.AddDays(90), 0L, "2 × Free coffee expired"), (expired.At, expired.Points, expired.Description));
        Assert.Null(expired.TransactionId); // the reward-issued entry numbered like the group names the sale
        Assert.Null(expired.StoreId);
        Assert.Equal("A", m.State.Outbox.Single(e => e.Sequence == 3).TransactionId);
        Assert.Empty(m.State.RewardBatches);
        Assert.Equal(RewardStatus.Expired, m.StatusOf("coffee-3"));
        Assert.False(m.AdvanceTo(T0.AddDays(90).AddTicks(1)));
        Assert.Single(m.Entries(LedgerKinds.RewardExpired));
    }

    [Fact]
    public void Rewards_joining_a_group_later_in_the_day_keep_the_earlier_ones_until_the_later_expiry()
    {
        var m = ThreeRewardsOneDay();

        m.AdvanceTo(AtC.AddDays(90).AddTicks(-1)); // sale A's own expiry has passed
        Assert.Empty(m.Entries(LedgerKinds.RewardExpired));
        Assert.Equal(3, Assert.Single(m.Programme.View(m.State, "M-1", m.Now).Rewards).Count);

        m.AdvanceTo(AtC.AddDays(90));
        Assert.Equal(Details("coffee-3", "2026-04-15T12:00:00.0000042+00:00", 3), Assert.Single(m.Entries(LedgerKinds.RewardExpired)).Details);
        Assert.Empty(m.State.RewardBatches);
        Assert.Contains("expired", TestMember.Rejected(m.TryRedeem(null, "coffee-3"), RejectionCode.RewardUnavailable).Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_refund_revokes_its_own_reward_from_a_group_shared_with_other_sales()
    {
        var m = ThreeRewardsOneDay();

        var refund = TestMember.Ok(m.TryRefundAs("F-1", "B", Back("LATTE")));

        Assert.Equal(1, refund.StampsReversed);
        Assert.Equal(8, m.Stamps());
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.RewardRevoked, "F-1", "S-01", "Free coffee revoked by refund"),
            (entry.Kind, entry.TransactionId, entry.StoreId, entry.Description));
        Assert.Equal(Details("coffee-3", "2026-04-15T12:00:00.0000042+00:00"), entry.Details);
        Assert.Equal([2], Assert.Single(m.State.RewardBatches).Counts);
        Assert.Equal(RewardStatus.Issued, m.StatusOf("coffee-3")); // the other two

        var before = StateSnapshot.Of(m.State);
        Assert.Equal(refund with { Duplicate = true }, TestMember.Ok(m.TryRefundAs("F-1", "B", Back("LATTE"))));
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_sale_refunded_bit_by_bit_revokes_no_more_than_it_issued()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(9));                    // coffee-3
        m.BuyAs("B", Coffee(18));                   // two more in coffee-3: 3, 0 stamps
        m.RedeemReward("coffee-3");                 // 2 left
        m.Refund("B", Back("LATTE", 9));            // -9: one of B's revoked, 1 left, 0 stamps
        m.Refund("B", Back("LATTE", 9));            // -9: the other of B's revoked, none left
        Assert.Empty(m.State.RewardBatches);
        Assert.Equal(0, m.Stamps());

        var n = new TestMember();
        n.BuyAs("A", Coffee(9));
        n.BuyAs("B", Coffee(18));
        n.RedeemReward("coffee-3");
        n.RedeemReward("coffee-3");                 // 1 left: A's or B's, the group does not say
        n.Refund("B", Back("LATTE", 9));            // revokes the one left
        n.BuyAs("C", Coffee(9));                    // a new group, coffee-{n}
        n.Refund("B", Back("LATTE", 9));            // -9: C's reward is not B's to revoke
        Assert.Equal(-9, n.Stamps());
        Assert.Equal(1, Assert.Single(n.OpenRewards).Count);
    }

    [Fact]
    public void After_a_rebuild_replays_answer_with_the_same_rewards_and_a_refund_still_revokes()
    {
        var m = new TestMember();
        m.AdvanceTo(AtB);
        var sale = m.TryBuy("A", null, Coffee(18));
        var redemption = m.TryRedeem(null, sale.Value!.RewardsIssued[0].RewardId, "R-1");
        m.Refund("A", Back("LATTE", 9)); // one revoked: the card owed 9
        var before = StateSnapshot.Of(m.State);

        m.State.Transactions.Clear();
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        Assert.Equal(sale.Value.RewardsIssued, TestMember.Ok(m.TryBuy("A", null, Coffee(18))).RewardsIssued);
        Assert.Equal(redemption.Value! with { Duplicate = true }, TestMember.Ok(m.TryRedeem(null, "coffee-3", "R-1")));
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal([1], m.State.Transactions["A"].Sale!.RewardCounts); // two issued, one revoked (the used one is gone)

        m.Refund("A", Back("LATTE", 9));
        Assert.Equal(-9, m.Stamps()); // the used reward's card stays owed
        Assert.Equal(RewardStatus.Revoked, m.StatusOf("coffee-3"));
        Assert.Empty(m.State.RewardBatches);
    }

    [Theory]
    [InlineData("coffee-03")]
    [InlineData("coffee-+3")]
    [InlineData("coffee-3x")]
    [InlineData("coffee-")]
    [InlineData("-3")]
    [InlineData("coffee")]
    [InlineData("tea-3")]
    [InlineData("coffee-2")]
    [InlineData("coffee-99999999999999999999")]
    public void Ids_that_are_not_an_open_reward_name_no_reward(string rewardId)
    {
        var m = new TestMember();
        Assert.Equal("coffee-3", m.BuyAs("A", Coffee(9)).RewardsIssued[0].RewardId);
        var before = StateSnapshot.Of(m.State);

        var rejection = TestMember.Rejected(m.TryRedeem(null, rewardId), RejectionCode.RewardUnavailable);

        Assert.Contains("unknown", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void Rewards_are_listed_in_issue_order_across_cards_and_days()
    {
        var options = ProgrammeOptions.Demo();
        options.StampCards.Add(new StampCardRule
        {
            CardId = "tea", Category = "tea", StampsRequired = 2, RewardKind = "free-item", RewardDescription = "Free tea",
        });
        var m = new TestMember(options);
        var midnight = new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero);
        m.AdvanceTo(midnight.AddTicks(-1));
        m.Buy(Coffee(9));                                   // coffee-3, expires on the 90th day
        m.AdvanceTo(midnight);
        m.Buy(Item(1m, 2, "TEA", "tea"));                   // tea-5, the day after
        m.Buy(Coffee(9), Item(1m, 2, "TEA", "tea"));        // coffee-7, then one more in tea-5

        Assert.Equal(
            [
                new RewardView("coffee-3", "free-item", "Free coffee", midnight.AddDays(90).AddTicks(-1)),
                new RewardView("tea-5", "free-item", "Free tea", midnight.AddDays(90), 2),
                new RewardView("coffee-7", "free-item", "Free coffee", midnight.AddDays(90)),
            ],
            m.Programme.View(m.State, "M-1", m.Now).Rewards);
        Assert.Equal(3, m.State.RewardBatches.Count);

        m.AdvanceTo(midnight.AddDays(90));
        Assert.Equal(["coffee-3", "tea-5", "coffee-7"],
            m.Entries(LedgerKinds.RewardExpired).Select(e => e.Details!.Split('"')[3]));
    }

    [Fact]
    public void A_card_no_longer_configured_still_shows_and_expires_its_rewards()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(18));
        var options = ProgrammeOptions.Demo();
        options.StampCards = [];
        var programme = new Programme(options);

        Assert.Equal(new RewardView("coffee-3", "free-item", "coffee", T0.AddDays(90), 2),
            programme.View(m.State, "M-1", m.Now).Rewards[0]);
        var used = programme.ApplyRedemption(m.State, new Redemption("R-1", "S-01", null, "coffee-3"), m.Now);
        Assert.Equal("coffee", used.Value!.RewardRedeemed!.Description);

        Assert.True(programme.Advance(m.State, T0.AddDays(90)));
        Assert.Equal(("coffee expired", Details("coffee-3", "2026-04-15T10:00:00+00:00").Replace("Free coffee", "coffee", StringComparison.Ordinal)),
            (m.LastEntry.Description, m.LastEntry.Details));
    }
}
