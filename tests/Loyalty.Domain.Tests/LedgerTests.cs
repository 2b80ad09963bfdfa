using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class LedgerTests
{
    /// <summary>A member who goes through every kind of ledger entry.</summary>
    private static TestMember BusyMember()
    {
        var m = new TestMember();
        m.BuyAs("A", Coffee(9), Item(600m, sku: "TV"));   // purchase, tier-changed, reward-issued
        var reward = m.OpenRewards[0].RewardId;
        m.Redeem(100);                                     // redemption
        m.RedeemReward(reward);                            // reward-redeemed
        m.BuyAs("B", Coffee(9));                           // another reward
        m.Refund("A", Back("TV"));                         // refund, tier-changed (refund), debt
        m.Refund("B", Back("LATTE"));                      // refund, reward-revoked
        m.Buy(Coffee(1));                                  // completes the card again
        m.AdvanceDays(100);                                // reward-expired
        m.Buy(Item(40m));
        m.AdvanceTo(T0.AddMonths(12).AddDays(101));        // points-expired
        return m;
    }

    [Fact]
    public void Sequence_numbers_run_from_one_without_gaps()
    {
        var m = BusyMember();
        var sequences = m.State.Outbox.Select(e => e.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i).ToArray(), sequences);
        Assert.Equal(sequences.Length, m.State.LastSequence);
    }

    [Fact]
    public void Every_kind_of_entry_appears()
    {
        var kinds = BusyMember().State.Outbox.Select(e => e.Kind).ToHashSet();
        Assert.Superset(kinds, new HashSet<string>
        {
            LedgerKinds.Enrolled, LedgerKinds.Purchase, LedgerKinds.Redemption, LedgerKinds.RewardRedeemed, LedgerKinds.Refund,
            LedgerKinds.PointsExpired, LedgerKinds.RewardIssued, LedgerKinds.RewardExpired, LedgerKinds.RewardRevoked, LedgerKinds.TierChanged,
        });
    }

    [Fact]
    public void Each_entry_carries_the_balance_after_it_and_the_points_add_up()
    {
        var m = BusyMember();
        long running = 0;
        foreach (var entry in m.State.Outbox)
        {
            running += entry.Points;
            Assert.Equal(running, entry.Balance);
        }
        Assert.Equal(m.Balance, running);
        Assert.Contains(m.State.Outbox, e => e.Balance < 0); // the refund went into debt on the way
    }

    [Fact]
    public void Entries_are_in_time_order()
    {
        var entries = BusyMember().State.Outbox;
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void Refused_commands_and_replays_write_nothing()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(10m, sku: "X"));
        var count = m.State.Outbox.Count;
        m.TryRedeem(11);
        m.TryRedeem(null, "nope");
        m.TryRefund("nope", Back("X"));
        m.TryRefund("A", Back("Y"));
        m.TryBuy("late", T0.AddDays(-31), Item(1m));
        m.BuyAs("A", Item(10m, sku: "X"));
        Assert.Equal(count, m.State.Outbox.Count);
        Assert.Equal(count, m.State.LastSequence);
    }

    [Fact]
    public void Sequence_numbers_continue_after_the_outbox_is_emptied()
    {
        var m = new TestMember();
        m.Buy(Item(1m));
        m.State.Outbox.Clear(); // the host confirmed these in the ledger table
        m.Buy(Item(1m));
        Assert.Equal(3, Assert.Single(m.State.Outbox).Sequence);
    }

    [Fact]
    public void Entries_have_descriptions_and_valid_json_details()
    {
        foreach (var entry in BusyMember().State.Outbox)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Description), entry.Kind);
            if (entry.Details is not { } details)
                continue;
            using var doc = System.Text.Json.JsonDocument.Parse(details);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }
}
