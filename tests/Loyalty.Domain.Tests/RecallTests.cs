using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// Recent transactions are not stored with the state: they are rebuilt from the ledger. Rebuilt, they must answer
/// replays and refunds exactly as the originals did.
/// </summary>
public class RecallTests
{
    [Fact]
    public void Rebuilding_from_the_ledger_gives_back_every_remembered_transaction()
    {
        var m = MemberWithHistory();
        var before = StateSnapshot.Of(m.State);
        var outcomes = Outcomes(m.State);

        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal(outcomes, Outcomes(m.State));
    }

    [Fact]
    public void After_a_rebuild_replays_answer_as_before_and_changed_requests_are_still_refused()
    {
        var m = MemberWithHistory();
        var replayed = m.TryBuy("P2", null, Coffee(10));
        m.State.Transactions.Clear();

        m.Programme.Recall(m.State, m.State.Outbox.AsEnumerable().Reverse(), m.Now);

        var again = m.TryBuy("P2", null, Coffee(10));
        Assert.Equal(Json(replayed.Value), Json(again.Value));
        TestMember.Rejected(m.TryBuy("P2", null, Coffee(11)), RejectionCode.TransactionIdReused);
    }

    [Fact]
    public void After_a_rebuild_a_refund_knows_what_was_already_refunded()
    {
        var m = MemberWithHistory();
        m.State.Transactions.Clear();
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        TestMember.Rejected(m.TryRefund("P3", Back("ITEM", 2)), RejectionCode.LineNotRefundable);
        var rest = m.TryRefund("P3", Back("ITEM", 1));
        Assert.True(rest.IsSuccess);
    }

    [Fact]
    public void Transactions_outside_the_window_are_not_rebuilt()
    {
        var m = MemberWithHistory();
        m.Programme.Recall(m.State, m.State.Outbox, m.Now.AddDays(31));
        Assert.Empty(m.State.Transactions);
    }

    private static TestMember MemberWithHistory()
    {
        var m = new TestMember();
        m.BuyAs("P1", Item(600m));                       // crosses Silver
        m.BuyAs("P2", Coffee(10));                       // a reward, one stamp over
        m.Redeem(100);
        m.RedeemReward(m.OpenRewards[0].RewardId);
        m.BuyAs("P3", Item(5m, 3));
        m.Refund("P3", Back("ITEM", 2));
        return m;
    }

    private static string Outcomes(MemberState s) => string.Join("\n", s.Transactions.Values
        .OrderBy(t => t.TransactionId, StringComparer.Ordinal)
        .Select(t => $"{t.TransactionId} {t.At:O} {Json(t.Purchase)} {Json(t.Redemption)} {Json(t.Refund)} {Json(t.Sale)}"));

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
