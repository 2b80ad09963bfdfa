using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>Open rewards are kept in batches by card and expiry day; each still behaves as a reward of its own.</summary>
public class RewardBatchTests
{
    private static readonly DateTimeOffset AtB = T0.AddHours(1).AddTicks(1_234_567);
    private static readonly DateTimeOffset AtC = T0.AddHours(2).AddTicks(42);

    /// <summary>Sales A, B and C on one day, each completing a card: rewards coffee-3, coffee-5 and coffee-7 in one batch.</summary>
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

    private static string Details(string rewardId, string expiresAt) =>
        $$"""{"rewardId":"{{rewardId}}","kind":"free-item","description":"Free coffee","expiresAt":"{{expiresAt}}"}""";

    [Fact]
    public void Rewards_of_one_day_share_a_batch_and_keep_their_exact_expiry()
    {
        var m = ThreeRewardsOneDay();

        var batch = Assert.Single(m.State.RewardBatches);
        Assert.Equal(("coffee", Day(T0.AddDays(90))), (batch.CardId, batch.ExpiresOn));
        Assert.Equal([3L, 5L, 7L], batch.Numbers);
        Assert.Equal(
            [
                new RewardView("coffee-3", "free-item", "Free coffee", T0.AddDays(90)),
                new RewardView("coffee-5", "free-item", "Free coffee", AtB.AddDays(90)),
                new RewardView("coffee-7", "free-item", "Free coffee", AtC.AddDays(90)),
            ],
            m.Programme.View(m.State, "M-1", m.Now).Rewards);
        Assert.Equal(Details("coffee-5", "2026-04-15T11:00:00.1234567+00:00"), m.State.Outbox.Single(e => e.Sequence == 5).Details);
    }

    [Fact]
    public void Redeeming_the_middle_reward_of_a_batch_leaves_the_others()
    {
        var m = ThreeRewardsOneDay();

        var outcome = TestMember.Ok(m.TryRedeem(null, "coffee-5", "R-1"));

        Assert.Equal(new RewardView("coffee-5", "free-item", "Free coffee", AtB.AddDays(90)), outcome.RewardRedeemed);
        Assert.Equal([3L, 7L], Assert.Single(m.State.RewardBatches).Numbers);
        Assert.Equal(["coffee-3", "coffee-7"], m.Programme.View(m.State, "M-1", m.Now).Rewards.Select(r => r.RewardId));
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.RewardRedeemed, "R-1", "Free coffee redeemed"), (entry.Kind, entry.TransactionId, entry.Description));
        Assert.Contains(Details("coffee-5", "2026-04-15T11:00:00.1234567+00:00")[1..], entry.Details, StringComparison.Ordinal);

        var before = StateSnapshot.Of(m.State);
        Assert.Equal(outcome with { Duplicate = true }, TestMember.Ok(m.TryRedeem(null, "coffee-5", "R-1")));
        var again = TestMember.Rejected(m.TryRedeem(null, "coffee-5"), RejectionCode.RewardUnavailable);
        Assert.Contains("already used", again.Detail, StringComparison.Ordinal);
        Assert.Equal(before, StateSnapshot.Of(m.State));

        m.RedeemReward("coffee-3");
        m.RedeemReward("coffee-7");
        Assert.Empty(m.State.RewardBatches);
        Assert.Equal([3L, 5L, 7L], Assert.Single(m.State.ClosedRewards).Numbers.Order());
    }

    [Fact]
    public void A_batch_issued_at_one_instant_expires_whole_at_its_edge()
    {
        var m = new TestMember();
        var ids = m.BuyAs("A", Coffee(27)).RewardsIssued.Select(r => r.RewardId).ToArray();
        Assert.Equal(["coffee-3", "coffee-4", "coffee-5"], ids);

        m.AdvanceTo(T0.AddDays(90).AddTicks(-1));
        Assert.Empty(m.Entries(LedgerKinds.RewardExpired));
        Assert.Equal(3, m.Programme.View(m.State, "M-1", m.Now).Rewards.Count);
        m.RedeemReward("coffee-4"); // usable one tick before
        var issuedSequence = m.State.LastSequence;

        Assert.True(m.AdvanceTo(T0.AddDays(90)));

        var expired = m.Entries(LedgerKinds.RewardExpired).ToArray();
        Assert.Equal([issuedSequence + 1, issuedSequence + 2], expired.Select(e => e.Sequence));
        Assert.Equal([Details("coffee-3", "2026-04-15T10:00:00+00:00"), Details("coffee-5", "2026-04-15T10:00:00+00:00")],
            expired.Select(e => e.Details));
        Assert.All(expired, e =>
        {
            Assert.Equal((T0.AddDays(90), 0L, "Free coffee expired"), (e.At, e.Points, e.Description));
            Assert.Null(e.TransactionId); // the reward-issued entry numbered like the reward names the sale
            Assert.Null(e.StoreId);
        });
        Assert.All(new[] { 3L, 5L }, n => Assert.Equal("A", m.State.Outbox.Single(e => e.Sequence == n).TransactionId));
        Assert.Empty(m.State.RewardBatches);
        Assert.Equal([RewardStatus.Expired, RewardStatus.Redeemed, RewardStatus.Expired], ids.Select(id => m.StatusOf(id)));
        Assert.False(m.AdvanceTo(T0.AddDays(90).AddTicks(1)));
        Assert.Equal(2, m.Entries(LedgerKinds.RewardExpired).Count());
    }

    [Fact]
    public void Rewards_of_one_batch_expire_one_by_one_at_their_own_instants()
    {
        var m = ThreeRewardsOneDay();

        m.AdvanceTo(AtB.AddDays(90).AddTicks(-1));
        Assert.Equal(["coffee-3"], m.Entries(LedgerKinds.RewardExpired).Select(e => e.Details!.Split('"')[3]));
        Assert.Contains("expired", TestMember.Rejected(m.TryRedeem(null, "coffee-3"), RejectionCode.RewardUnavailable).Detail,
            StringComparison.Ordinal);

        m.AdvanceTo(AtB.AddDays(90));
        Assert.Equal(2, m.Entries(LedgerKinds.RewardExpired).Count());
        Assert.Equal(Details("coffee-5", "2026-04-15T11:00:00.1234567+00:00"), m.LastEntry.Details);
        Assert.Equal([7L], Assert.Single(m.State.RewardBatches).Numbers);
        Assert.Equal(AtC.AddDays(90), Assert.Single(m.Programme.View(m.State, "M-1", m.Now).Rewards).ExpiresAt);
    }

    [Fact]
    public void A_refund_revokes_its_own_reward_from_the_middle_of_a_batch()
    {
        var m = ThreeRewardsOneDay();

        var refund = TestMember.Ok(m.TryRefundAs("F-1", "B", Back("LATTE")));

        Assert.Equal(1, refund.StampsReversed);
        Assert.Equal(8, m.Stamps());
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.RewardRevoked, "F-1", "S-01", "Free coffee revoked by refund"),
            (entry.Kind, entry.TransactionId, entry.StoreId, entry.Description));
        Assert.Equal(Details("coffee-5", "2026-04-15T11:00:00.1234567+00:00"), entry.Details);
        Assert.Equal([3L, 7L], Assert.Single(m.State.RewardBatches).Numbers);
        Assert.Equal(RewardStatus.Revoked, m.StatusOf("coffee-5"));
        Assert.Contains("revoked", TestMember.Rejected(m.TryRedeem(null, "coffee-5"), RejectionCode.RewardUnavailable).Detail,
            StringComparison.Ordinal);

        var before = StateSnapshot.Of(m.State);
        Assert.Equal(refund with { Duplicate = true }, TestMember.Ok(m.TryRefundAs("F-1", "B", Back("LATTE"))));
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void After_a_rebuild_replays_answer_with_the_same_rewards_and_a_refund_still_revokes()
    {
        var m = new TestMember();
        m.AdvanceTo(AtB);
        var sale = m.TryBuy("A", null, Coffee(18));
        var redemption = m.TryRedeem(null, sale.Value!.RewardsIssued[0].RewardId, "R-1");
        var before = StateSnapshot.Of(m.State);

        m.State.Transactions.Clear();
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        Assert.Equal(sale.Value.RewardsIssued, TestMember.Ok(m.TryBuy("A", null, Coffee(18))).RewardsIssued);
        Assert.Equal(redemption.Value! with { Duplicate = true }, TestMember.Ok(m.TryRedeem(null, "coffee-3", "R-1")));
        Assert.Equal(before, StateSnapshot.Of(m.State));

        m.Refund("A", Back("LATTE", 18));
        Assert.Equal(RewardStatus.Revoked, m.StatusOf("coffee-4"));
        Assert.Equal(-9, m.Stamps()); // the used reward's card stays owed
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
        m.Buy(Coffee(9), Item(1m, 2, "TEA", "tea"));        // coffee-7 then tea-8

        Assert.Equal(
            [
                new RewardView("coffee-3", "free-item", "Free coffee", midnight.AddDays(90).AddTicks(-1)),
                new RewardView("tea-5", "free-item", "Free tea", midnight.AddDays(90)),
                new RewardView("coffee-7", "free-item", "Free coffee", midnight.AddDays(90)),
                new RewardView("tea-8", "free-item", "Free tea", midnight.AddDays(90)),
            ],
            m.Programme.View(m.State, "M-1", m.Now).Rewards);
        Assert.Equal(3, m.State.RewardBatches.Count);

        m.AdvanceTo(midnight.AddDays(90));
        Assert.Equal(["coffee-3", "tea-5", "coffee-7", "tea-8"],
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

        Assert.Equal(new RewardView("coffee-3", "free-item", "coffee", T0.AddDays(90)),
            programme.View(m.State, "M-1", m.Now).Rewards[0]);
        var used = programme.ApplyRedemption(m.State, new Redemption("R-1", "S-01", null, "coffee-4"), m.Now);
        Assert.Equal("coffee", used.Value!.RewardRedeemed!.Description);

        Assert.True(programme.Advance(m.State, T0.AddDays(90)));
        Assert.Equal(("coffee expired", Details("coffee-3", "2026-04-15T10:00:00+00:00").Replace("Free coffee", "coffee", StringComparison.Ordinal)),
            (m.LastEntry.Description, m.LastEntry.Details));
    }
}
