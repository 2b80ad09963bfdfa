using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// A transaction id is remembered for the whole transaction window, however many transactions the member makes: the
/// full records of the most recent in memory, every other id compactly, its record read back from the ledger on demand.
/// </summary>
public class TransactionMemoryTests
{
    private const int Sales = 20_000;

    /// <summary>A company card: 20,000 sales in under 28 days, one every two minutes.</summary>
    private static string Json<T>(T outcome) => JsonSerializer.Serialize(outcome);

    private static (TestMember Member, PurchaseOutcome First) BusyMember()
    {
        var m = new TestMember();
        PurchaseOutcome? first = null;
        for (var i = 1; i <= Sales; i++)
        {
            m.Now = T0.AddMinutes(2 * i);
            var outcome = m.BuyAs($"C{i}", Item(2m));
            first ??= outcome;
        }
        return (m, first!);
    }

    [Fact]
    public void Twenty_thousand_sales_later_a_retry_of_the_first_is_a_duplicate_with_its_original_outcome()
    {
        var (m, first) = BusyMember();
        var balance = m.Balance;
        var entries = m.State.Outbox.Count;

        Assert.InRange(m.State.Transactions.Count, 1, m.Programme.Options.MaxRememberedTransactions);
        Assert.Equal(Sales, m.State.TransactionIds.Count + m.State.Transactions.Count);
        Assert.False(m.State.Transactions.ContainsKey("C1"));

        var retry = TestMember.Ok(m.TryBuy("C1", null, Item(2m)));

        Assert.True(retry.Duplicate);
        Assert.Equal(Json(first with { Duplicate = true }), Json(retry));
        Assert.Equal(balance, m.Balance);
        Assert.Equal(entries, m.State.Outbox.Count); // nothing awarded, nothing written
    }

    [Fact]
    public void Twenty_thousand_sales_later_the_first_id_with_another_body_is_still_refused()
    {
        var (m, _) = BusyMember();
        var balance = m.Balance;

        TestMember.Rejected(m.TryBuy("C1", null, Item(99m)), RejectionCode.TransactionIdReused);
        TestMember.Rejected(m.TryRedeem(10, transactionId: "C2"), RejectionCode.TransactionIdReused);
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void A_sale_whose_record_was_let_go_can_still_be_refunded_once_per_item()
    {
        var m = new TestMember();
        m.BuyAs("OLD", Item(10m, quantity: 2));
        m.Refund("OLD", Back("ITEM"));
        for (var i = 1; i <= 500; i++)
        {
            m.Now = T0.AddMinutes(i);
            m.Buy(Item(1m));
        }
        Assert.False(m.State.Transactions.ContainsKey("OLD"));
        var balance = m.Balance;

        Assert.Equal(10, m.Refund("OLD", Back("ITEM")).PointsReversed);   // the second item, read back with the first refund
        TestMember.Rejected(m.TryRefund("OLD", Back("ITEM")), RejectionCode.LineNotRefundable);
        Assert.Equal(balance - 10, m.Balance);
    }

    [Fact]
    public void A_retry_of_a_refund_whose_record_was_let_go_is_a_duplicate()
    {
        var m = new TestMember();
        m.BuyAs("SALE", Item(10m));
        var refund = TestMember.Ok(m.TryRefundAs("BACK", "SALE", Back("ITEM")));
        for (var i = 1; i <= 500; i++)
        {
            m.Now = T0.AddMinutes(i);
            m.Buy(Item(1m));
        }
        var balance = m.Balance;

        Assert.Equal(Json(refund with { Duplicate = true }), Json(TestMember.Ok(m.TryRefundAs("BACK", "SALE", Back("ITEM")))));
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void After_the_window_the_id_is_new_and_the_memory_is_let_go()
    {
        var (m, _) = BusyMember();
        m.AdvanceTo(T0.AddMinutes(2 * Sales).AddDays(m.Programme.Options.TransactionWindowDays + 2));

        Assert.Equal(0, m.State.TransactionIds.Count);
        Assert.Empty(m.State.Transactions);
        var balance = m.Balance;
        var again = m.BuyAs("C1", Item(2m));
        Assert.False(again.Duplicate);
        Assert.True(again.PointsEarned > 0);
        Assert.Equal(balance + again.PointsEarned, m.Balance);
    }

    [Fact]
    public void An_id_the_ledger_does_not_hold_is_new_even_when_its_digest_is_remembered()
    {
        var m = new TestMember();
        m.State.TransactionIds.Add("NEW", m.Now); // as if another id of the window had the same digest

        Assert.Equal(1, m.RecallFromLedger("NEW"));
        Assert.False(m.BuyAs("NEW", Item(5m)).Duplicate);
        Assert.Equal(5, m.Balance);
    }

    [Fact]
    public void A_member_within_the_count_bound_keeps_no_compact_ids()
    {
        var m = new TestMember();
        for (var i = 0; i < m.Programme.Options.MaxRememberedTransactions; i++)
            m.Buy(Item(1m));

        Assert.Equal(0, m.State.TransactionIds.Count);
        Assert.Equal(m.Programme.Options.MaxRememberedTransactions, m.State.Transactions.Count);
    }

    [Fact]
    public void A_command_on_an_id_that_was_not_read_back_is_not_applied()
    {
        var (m, _) = BusyMember();
        var balance = m.Balance;

        Assert.Throws<InvalidOperationException>(() => m.Programme.ApplyPurchase(m.State, new Purchase("C1", "S-01", null, [Item(2m)]), m.Now));
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void After_a_reload_from_the_recent_entries_and_the_marks_an_old_retry_is_still_a_duplicate()
    {
        var (m, first) = BusyMember();
        var all = m.State.Outbox;
        var recent = all.Where(e => e.Sequence > all[^1].Sequence - 300).ToList();
        var marks = all.Where(e => e.TransactionId is not null).Select(e => new TransactionMark(e.TransactionId!, e.At));

        m.Programme.Recall(m.State, recent, marks, m.Now);

        Assert.Equal(Sales, m.State.TransactionIds.Count + m.State.Transactions.Count);
        Assert.InRange(m.State.Transactions.Count, 1, m.Programme.Options.MaxRememberedTransactions);
        Assert.Equal(Json(first with { Duplicate = true }), Json(TestMember.Ok(m.TryBuy("C1", null, Item(2m)))));
    }
}
