using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>An enrolled till's id goes into every ledger entry its command makes, and into no other.</summary>
public class TillIdTests
{
    [Fact]
    public void Every_entry_of_a_tills_purchase_redemption_and_refund_carries_the_till()
    {
        var m = new TestMember();
        var first = m.State.Outbox.Count;
        // A purchase that crosses a tier and completes a stamp card: purchase, tier-changed and reward-issued entries.
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, new Purchase("T-1", "S-01", null, [Coffee(9), Item(600m, sku: "TV")], "till-a"), m.Now));
        TestMember.Ok(m.Programme.ApplyRedemption(m.State, new Redemption("T-2", "S-01", 10, null, "till-a"), m.Now));
        TestMember.Ok(m.Programme.ApplyRefund(m.State, new Refund("T-3", "S-01", "T-1", [Back("TV")], "till-b"), m.Now));

        var entries = m.State.Outbox.Skip(first).ToArray();
        Assert.Superset(new HashSet<string> { LedgerKinds.Purchase, LedgerKinds.TierChanged, LedgerKinds.RewardIssued, LedgerKinds.Redemption, LedgerKinds.Refund },
            entries.Select(e => e.Kind).ToHashSet());
        Assert.All(entries.Where(e => e.TransactionId is "T-1" or "T-2"), e => Assert.Equal("till-a", e.TillId));
        Assert.All(entries.Where(e => e.TransactionId == "T-3"), e => Assert.Equal("till-b", e.TillId));
        Assert.Null(m.State.Outbox[0].TillId); // the enrolment came from no till
    }

    [Fact]
    public void A_configured_keys_command_records_no_till_and_a_replay_adds_nothing()
    {
        var m = new TestMember();
        m.BuyAs("T-1", Coffee(2));
        Assert.Null(m.LastEntry.TillId);

        var entries = m.State.Outbox.Count;
        var replay = TestMember.Ok(m.Programme.ApplyPurchase(m.State, new Purchase("T-1", "S-01", null, [Coffee(2)], "till-a"), m.Now));
        Assert.True(replay.Duplicate); // the till is not part of the request's fingerprint
        Assert.Equal(entries, m.State.Outbox.Count);
        Assert.Null(m.LastEntry.TillId);
    }
}
