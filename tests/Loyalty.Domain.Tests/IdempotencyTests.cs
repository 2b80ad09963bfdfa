using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class IdempotencyTests
{
    private static Purchase Sale(string id = "T-1", DateTimeOffset? at = null, decimal price = 3.20m, int quantity = 2, string? store = "S-01") =>
        new(id, store, at, [new PurchaseLine("LATTE", "coffee", quantity, price)]);

    [Fact]
    public void A_replayed_purchase_returns_the_stored_outcome_and_changes_nothing()
    {
        var m = new TestMember();
        var first = TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(), m.Now));
        m.Buy(Item(10m)); // the balance moves on
        var before = StateSnapshot.Of(m.State);

        var replay = TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(), m.Now.AddMinutes(1)));

        Assert.True(replay.Duplicate);
        Assert.Equal(first with { Duplicate = true }, replay);
        Assert.Equal(new StampCardView("coffee", 2, 9), Assert.Single(replay.StampCards));
        Assert.Equal(6, replay.Balance); // the balance of then, not of now
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_replay_without_occurred_at_is_a_duplicate_even_later()
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: null), T0));
        m.Now = T0.AddHours(3);
        var before = StateSnapshot.Of(m.State);
        Assert.True(TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: null), m.Now)).Duplicate);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void The_same_instant_in_another_offset_and_the_same_price_written_differently_are_the_same_body()
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: T0.AddMinutes(-5), price: 3.2m), T0));
        var sameInstant = T0.AddMinutes(-5).ToOffset(TimeSpan.FromHours(2));
        Assert.True(TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: sameInstant, price: 3.20m), T0)).Duplicate);
    }

    [Fact]
    public void A_replay_is_answered_even_after_its_occurred_at_left_the_window()
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: T0.AddDays(-29)), T0));
        m.AdvanceDays(2);
        Assert.True(TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(at: T0.AddDays(-29)), m.Now)).Duplicate);
    }

    public static TheoryData<Purchase> ChangedBodies() => new()
    {
        Sale(quantity: 3),
        Sale(price: 3.21m),
        Sale(store: "S-02"),
        Sale(store: null),
        Sale(at: T0),
        new Purchase("T-1", "S-01", null, [new PurchaseLine("MOCHA", "coffee", 2, 3.20m)]),
        new Purchase("T-1", "S-01", null, [new PurchaseLine("LATTE", "tea", 2, 3.20m)]),
        new Purchase("T-1", "S-01", null, [new PurchaseLine("LATTE", "coffee", 2, 3.20m), new PurchaseLine("X", null, 1, 1m)]),
    };

    [Theory]
    [MemberData(nameof(ChangedBodies))]
    public void The_same_id_with_another_body_is_refused_and_changes_nothing(Purchase changed)
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(), T0));
        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.Programme.ApplyPurchase(m.State, changed, T0), RejectionCode.TransactionIdReused);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_purchase_id_cannot_be_reused_for_a_redemption_or_a_refund()
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(), T0));
        var before = StateSnapshot.Of(m.State);
        TestMember.Rejected(m.TryRedeem(1, transactionId: "T-1"), RejectionCode.TransactionIdReused);
        TestMember.Rejected(m.TryRefundAs("T-1", "T-1", [Back("LATTE")]), RejectionCode.TransactionIdReused);
        Assert.Equal(before, StateSnapshot.Of(m.State));
    }

    [Fact]
    public void A_redemption_id_cannot_be_reused_for_a_purchase()
    {
        var m = new TestMember();
        m.Buy(Item(50m));
        TestMember.Ok(m.TryRedeem(10, transactionId: "X-1"));
        TestMember.Rejected(m.Programme.ApplyPurchase(m.State, Sale(id: "X-1"), m.Now), RejectionCode.TransactionIdReused);
        Assert.Equal(40, m.Balance);
    }

    [Fact]
    public void A_replayed_redemption_does_not_spend_twice()
    {
        var m = new TestMember();
        m.Buy(Item(50m));
        var first = TestMember.Ok(m.TryRedeem(10, transactionId: "R-A"));
        var replay = TestMember.Ok(m.TryRedeem(10, transactionId: "R-A"));
        Assert.Equal(first with { Duplicate = true }, replay);
        Assert.Equal(40, m.Balance);
        TestMember.Rejected(m.TryRedeem(11, transactionId: "R-A"), RejectionCode.TransactionIdReused);
    }

    [Fact]
    public void A_replayed_reward_redemption_is_a_duplicate_not_a_second_use()
    {
        var m = new TestMember();
        var id = m.Buy(Coffee(9)).RewardsIssued[0].RewardId;
        TestMember.Ok(m.TryRedeem(null, id, "R-A"));
        var replay = TestMember.Ok(m.TryRedeem(null, id, "R-A"));
        Assert.True(replay.Duplicate);
        Assert.Equal(id, replay.RewardRedeemed!.RewardId);
        Assert.Single(m.Entries(LedgerKinds.RewardRedeemed));
    }

    [Fact]
    public void A_replayed_refund_does_not_reverse_twice()
    {
        var m = new TestMember();
        m.BuyAs("A", Item(10m, quantity: 2, sku: "X"));
        var first = TestMember.Ok(m.TryRefundAs("F-A", "A", [Back("X")]));
        var before = StateSnapshot.Of(m.State);
        var replay = TestMember.Ok(m.TryRefundAs("F-A", "A", [Back("X")]));
        Assert.Equal(first with { Duplicate = true }, replay);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        TestMember.Rejected(m.TryRefundAs("F-A", "A", [Back("X", 2)]), RejectionCode.TransactionIdReused);
    }

    [Fact]
    public void A_refused_command_is_not_remembered()
    {
        var m = new TestMember();
        TestMember.Rejected(m.TryRedeem(10, transactionId: "R-A"), RejectionCode.InsufficientPoints);
        m.Buy(Item(10m));
        Assert.False(TestMember.Ok(m.TryRedeem(10, transactionId: "R-A")).Duplicate);
        Assert.Equal(0, m.Balance);
    }

    [Fact]
    public void Transaction_ids_are_case_sensitive()
    {
        var m = new TestMember();
        TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(id: "t-1"), T0));
        Assert.False(TestMember.Ok(m.Programme.ApplyPurchase(m.State, Sale(id: "T-1"), T0)).Duplicate);
        Assert.Equal(12, m.Balance);
    }
}
