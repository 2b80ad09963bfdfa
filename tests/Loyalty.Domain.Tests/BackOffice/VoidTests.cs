using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.BackOffice;

public class VoidTests
{
    [Fact]
    public void Voided_points_go_back_into_their_original_lots_with_their_expiry()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        m.AdvanceDays(1);
        m.Buy(Item(20m));
        var lotsBefore = m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray();
        TestMember.Ok(m.TryRedeem(40, transactionId: "R1"));
        m.AdvanceDays(5);

        var outcome = m.Void("R1");

        Assert.Equal(40, outcome.PointsRestored);
        Assert.Equal(50, outcome.Balance);
        Assert.Equal("R1", outcome.OriginalTransactionId);
        Assert.Equal(lotsBefore, m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray());
        var entry = Assert.Single(m.Entries(LedgerKinds.RedemptionVoided));
        Assert.Equal(40, entry.Points);
        Assert.Equal(50, entry.Balance);
    }

    [Fact]
    public void Points_of_a_lot_that_expired_meanwhile_are_not_put_back()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsExpiryMonths = 1;
        options.TransactionWindowDays = 60;
        var m = new TestMember(options);
        m.Buy(Item(30m));
        m.AdvanceDays(20);
        m.Buy(Item(20m));
        TestMember.Ok(m.TryRedeem(40, transactionId: "R1")); // 30 from the first lot, 10 from the second
        m.AdvanceDays(15);                                     // the first lot's expiry has passed

        var outcome = m.Void("R1");

        Assert.Equal(10, outcome.PointsRestored);
        Assert.Equal(20, outcome.Balance);
    }

    [Fact]
    public void A_voided_reward_is_usable_again_in_its_open_group()
    {
        var m = new TestMember();
        var reward = m.Buy(Coffee(18)).RewardsIssued.Single();
        Assert.Equal(2, reward.Count);
        TestMember.Ok(m.TryRedeem(null, reward.RewardId, "R1"));

        var outcome = m.Void("R1");

        Assert.Equal(reward.RewardId, outcome.RewardRestored!.RewardId);
        Assert.Equal(0, outcome.PointsRestored);
        Assert.Equal([(reward.RewardId, 2)], m.Programme.View(m.State, "M-1", m.Now).Rewards.Select(r => (r.RewardId, r.Count)));
    }

    [Fact]
    public void A_voided_reward_reopens_its_closed_group()
    {
        var m = new TestMember();
        var reward = m.Buy(Coffee(9)).RewardsIssued.Single();
        TestMember.Ok(m.TryRedeem(null, reward.RewardId, "R1"));
        Assert.Equal(RewardStatus.Redeemed, m.StatusOf(reward.RewardId));

        m.Void("R1");

        Assert.Equal(RewardStatus.Issued, m.StatusOf(reward.RewardId));
        var view = Assert.Single(m.Programme.View(m.State, "M-1", m.Now).Rewards);
        Assert.Equal((reward.RewardId, 1, reward.ExpiresAt), (view.RewardId, view.Count, view.ExpiresAt));
        Assert.Equal(reward.RewardId, m.RedeemReward(reward.RewardId).RewardRedeemed!.RewardId);
    }

    [Fact]
    public void A_reward_past_its_expiry_cannot_be_given_back()
    {
        var options = ProgrammeOptions.Demo();
        options.RewardExpiryDays = 5;
        var m = new TestMember(options);
        var reward = m.Buy(Coffee(9)).RewardsIssued.Single();
        TestMember.Ok(m.TryRedeem(null, reward.RewardId, "R1"));
        m.AdvanceDays(6);
        var before = StateSnapshot.Of(m.State);

        TestMember.Rejected(m.TryVoid("R1"), RejectionCode.RewardUnavailable);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_second_void_of_the_same_redemption_is_refused_and_a_replay_answers_the_first()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));
        var first = TestMember.Ok(m.TryVoid("R1", "V1"));
        var before = StateSnapshot.Of(m.State);

        var rejection = TestMember.Rejected(m.TryVoid("R1", "V2"), RejectionCode.AlreadyVoided);
        var again = TestMember.Ok(m.TryVoid("R1", "V1"));
        TestMember.Rejected(m.TryVoid("R2", "V1"), RejectionCode.TransactionIdReused);

        Assert.Contains("V1", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal(30, m.Balance);
    }

    [Fact]
    public void A_void_naming_a_purchase_a_void_or_an_adjustment_is_refused()
    {
        var m = new TestMember();
        m.BuyAs("P1", Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));
        m.Void("R1");
        var voidId = m.Entries(LedgerKinds.RedemptionVoided).Single().TransactionId!;
        TestMember.Ok(m.TryAdjust(5, transactionId: "A1"));
        var before = StateSnapshot.Of(m.State);

        TestMember.Rejected(m.TryVoid("P1"), RejectionCode.NotARedemption);
        TestMember.Rejected(m.TryVoid(voidId), RejectionCode.NotARedemption);
        TestMember.Rejected(m.TryVoid("A1"), RejectionCode.NotARedemption);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_void_of_an_unknown_or_too_old_redemption_is_refused()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));

        TestMember.Rejected(m.TryVoid("nope"), RejectionCode.UnknownOriginalTransaction);
        m.AdvanceDays(31);
        TestMember.Rejected(m.TryVoid("R1"), RejectionCode.UnknownOriginalTransaction);
        Assert.Equal(20, m.Balance);
    }

    [Fact]
    public void After_a_rebuild_from_the_ledger_a_second_void_is_still_refused_and_a_replay_still_answered()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));
        var first = TestMember.Ok(m.TryVoid("R1", "V1"));

        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        TestMember.Rejected(m.TryVoid("R1", "V2"), RejectionCode.AlreadyVoided);
        Assert.Equal(first with { Duplicate = true }, TestMember.Ok(m.TryVoid("R1", "V1")));
        Assert.Equal(30, m.Balance);
    }

    [Fact]
    public void After_a_rebuild_a_points_redemption_still_knows_its_lots()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        m.AdvanceDays(1);
        m.Buy(Item(20m));
        var lotsBefore = m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray();
        TestMember.Ok(m.TryRedeem(40, transactionId: "R1"));
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        m.Void("R1");

        Assert.Equal(lotsBefore, m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray());
    }

    [Fact]
    public void A_redemption_older_than_the_remembered_transactions_is_read_back_from_the_ledger_and_voided_once()
    {
        var options = ProgrammeOptions.Demo();
        options.MaxRememberedTransactions = 10;
        var m = new TestMember(options);
        m.Buy(Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));
        for (var i = 0; i < 15; i++)
            m.Buy(Item(1m));
        Assert.DoesNotContain("R1", m.State.Transactions.Keys);

        Assert.Equal(10, m.Void("R1").PointsRestored);
        for (var i = 0; i < 15; i++)
            m.Buy(Item(1m));
        m.State.Transactions.Remove("R1");
        m.Programme.Recall(m.State, m.State.Outbox.Where(e => e.TransactionId != "R1"),
            m.State.Outbox.Where(e => e.TransactionId is not null).Select(e => new TransactionMark(e.TransactionId!, e.At)), m.Now);

        TestMember.Rejected(m.TryVoid("R1"), RejectionCode.AlreadyVoided);
        Assert.Equal(60, m.Balance);
    }

    [Fact]
    public void A_redemption_recorded_before_lots_were_kept_puts_its_points_into_a_new_lot()
    {
        var m = new TestMember();
        m.Buy(Item(30m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "R1"));
        var i = m.State.Outbox.FindIndex(e => e.TransactionId == "R1");
        var old = JsonSerializer.Deserialize<JsonElement>(m.State.Outbox[i].Details!);
        m.State.Outbox[i] = m.State.Outbox[i] with { Details = $"{{\"fingerprint\":\"{old.GetProperty("fingerprint").GetString()}\"}}" };
        m.AdvanceDays(3);
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        Assert.Equal(10, m.Void("R1").PointsRestored);
        Assert.Equal(30, m.Balance);
        Assert.Equal(Day(m.Now).AddMonths(12), m.State.Lots[^1].ExpiresOn);
    }
}
