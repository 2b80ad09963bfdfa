using System.Text.Json;
using Loyalty.Domain.Insights;

namespace Loyalty.Domain.Tests.Insights;

/// <summary>Facts read from the entries a real programme writes.</summary>
public class MemberFactsTests
{
    private static PurchaseLine Pastry(int quantity = 1) => new("CROISSANT", "Pastry", quantity, 2.50m);

    private static MemberFacts Facts(TestMember m) => MemberFacts.FromLedger(m.State.Outbox);

    [Fact]
    public void A_purchase_is_an_order_at_its_sale_time_with_its_total_and_categories()
    {
        var m = new TestMember();
        var occurred = Kit.T0.AddDays(-10).AddMilliseconds(123);
        m.BuyAt(occurred, Kit.Coffee(2), Pastry(), Kit.Item(1.00m, category: null));
        var f = Facts(m);
        var order = Assert.Single(f.Orders);
        Assert.Equal(occurred, order.OccurredAt);
        Assert.Equal(990, order.SpendCents);
        Assert.Equal(["coffee", "pastry"], order.Categories);
        Assert.Equal((occurred, occurred, 1, 990L), (f.FirstOrderAt, f.LastOrderAt, f.LifetimeOrders, f.LifetimeSpendCents));
        Assert.Equal([MemberFacts.MonthIndex(occurred)], f.ActiveMonths);
        Assert.Equal(2026 * 12 + 0, MemberFacts.MonthIndex(occurred));
    }

    [Fact]
    public void A_refund_lowers_the_spend_of_its_order_and_a_category_returned_whole_leaves_it()
    {
        var m = new TestMember();
        var sale = m.NextId();
        TestMember.Ok(m.TryBuy(sale, null, Kit.Coffee(2), Pastry()));
        m.AdvanceDays(2);
        m.Refund(sale, Kit.Back("CROISSANT"));
        var order = Assert.Single(Facts(m).Orders);
        Assert.Equal(640L, order.SpendCents);
        Assert.Equal(["coffee"], order.Categories);
        Assert.Equal(Kit.T0, order.OccurredAt); // the refund moves nothing in time
        m.Refund(sale, Kit.Back("LATTE"));
        Assert.Equal((320L, 320L), (Facts(m).Orders[0].SpendCents, Facts(m).LifetimeSpendCents));
    }

    [Fact]
    public void An_order_refunded_whole_is_no_order()
    {
        var m = new TestMember(enrolledAt: Kit.T0.AddMonths(-1));
        m.Buy(Kit.Coffee(1));
        m.AdvanceTo(Kit.T0);
        var sale = m.NextId();
        TestMember.Ok(m.TryBuy(sale, null, Kit.Coffee(1), Pastry(2)));
        m.Refund(sale, Kit.Back("LATTE"), Kit.Back("CROISSANT", 2));
        var f = Facts(m);
        Assert.Equal((1, 320L, Kit.T0.AddMonths(-1)), (f.LifetimeOrders, f.LifetimeSpendCents, f.LastOrderAt));
        Assert.Equal([MemberFacts.MonthIndex(Kit.T0.AddMonths(-1))], f.ActiveMonths);
    }

    [Fact]
    public void Only_purchases_and_refunds_count_and_other_entries_change_nothing()
    {
        var m = new TestMember();
        for (var i = 0; i < 10; i++)
            m.Buy(Kit.Coffee(1)); // fills the coffee card: reward-issued entries
        m.Redeem(5);
        var all = Facts(m);
        var only = MemberFacts.FromLedger(m.State.Outbox.Where(e => e.Kind is LedgerKinds.Purchase or LedgerKinds.Refund));
        Assert.Contains(m.State.Outbox, e => e.Kind == LedgerKinds.RewardIssued);
        Assert.Equal(only.ToJson(), all.ToJson());
        Assert.Equal(10, all.LifetimeOrders);
        Assert.Same(MemberFacts.Empty, MemberFacts.FromLedger(m.State.Outbox.Where(e => e.Kind == LedgerKinds.Enrolled)));
    }

    private static TestMember History()
    {
        var m = new TestMember(enrolledAt: Kit.T0.AddMonths(-6));
        var sales = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            m.AdvanceDays(13);
            var id = m.NextId();
            sales.Add(id);
            TestMember.Ok(m.TryBuy(id, m.Now.AddHours(-2), Kit.Coffee(1 + i % 3), Pastry(i % 2)));
            if (i % 4 == 3)
                m.Refund(sales[i - 1], Kit.Back("LATTE"));
        }
        m.Refund(sales[^1], Kit.Back("LATTE", 3));
        return m;
    }

    [Fact]
    public void The_facts_do_not_depend_on_the_order_of_the_entries()
    {
        var entries = History().State.Outbox;
        var expected = MemberFacts.FromLedger(entries).ToJson();
        Assert.Equal(expected, MemberFacts.FromLedger(entries.AsEnumerable().Reverse()).ToJson());
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
            Assert.Equal(expected, MemberFacts.FromLedger(entries.OrderBy(_ => random.Next()).ToArray()).ToJson());
    }

    [Fact]
    public void An_entry_read_twice_counts_once()
    {
        var entries = History().State.Outbox;
        var once = MemberFacts.FromLedger(entries);
        var twice = MemberFacts.FromLedger(entries.Concat(entries.Where(e => e.Kind == LedgerKinds.Refund)).Concat(entries));
        Assert.Equal(once.ToJson(), twice.ToJson());
        Assert.Equal(11, once.LifetimeOrders); // the last sale was refunded whole
    }

    [Fact]
    public void Orders_older_than_25_months_before_the_last_leave_the_list_but_not_the_lifetime_figures()
    {
        var m = new TestMember(enrolledAt: Kit.T0.AddMonths(-30));
        m.Buy(Kit.Coffee(1));                                 // 30 months before the last order
        m.AdvanceTo(Kit.T0.AddMonths(-25));
        m.Buy(Kit.Coffee(2));                                 // exactly 25 months before: out
        m.AdvanceTo(Kit.T0.AddMonths(-25).AddSeconds(1));
        m.Buy(Kit.Coffee(3));                                 // just inside
        m.AdvanceTo(Kit.T0);
        m.Buy(Kit.Coffee(4));
        var f = Facts(m);
        Assert.Equal([960L, 1280L], f.Orders.Select(o => o.SpendCents));
        Assert.Equal((4, 320L * 10, Kit.T0.AddMonths(-30)), (f.LifetimeOrders, f.LifetimeSpendCents, f.FirstOrderAt));
        Assert.Equal(3, f.ActiveMonths.Count); // the two orders 25 months back share a month
    }

    [Fact]
    public void The_JSON_round_trip_keeps_every_fact()
    {
        var f = MemberFacts.FromLedger(History().State.Outbox);
        var json = f.ToJson();
        var back = MemberFacts.FromJson(json);
        Assert.Equal((f.FirstOrderAt, f.LastOrderAt, f.LifetimeOrders, f.LifetimeSpendCents),
            (back.FirstOrderAt, back.LastOrderAt, back.LifetimeOrders, back.LifetimeSpendCents));
        Assert.Equal(f.Orders.Select(o => (o.OccurredAt, o.SpendCents, string.Join(",", o.Categories))),
            back.Orders.Select(o => (o.OccurredAt, o.SpendCents, string.Join(",", o.Categories))));
        Assert.Equal(f.ActiveMonths, back.ActiveMonths);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(MemberFacts.Empty.ToJson(), MemberFacts.FromJson(MemberFacts.Empty.ToJson()).ToJson());
        var asOf = f.LastOrderAt!.Value.AddDays(20);
        Assert.Equal(InsightsRules.Evaluate(f, asOf, new()) with { Reasons = [] }, InsightsRules.Evaluate(back, asOf, new()) with { Reasons = [] });
    }

    [Fact]
    public void The_JSON_is_compact()
    {
        // Eleven months of weekly orders in two categories: a few bytes per order.
        var orders = Enumerable.Range(0, 47).Select(i => new OrderFact(Kit.T0.AddDays(7 * i), 450 + i, ["coffee", "pastry"])).ToArray();
        var f = new MemberFacts(orders[0].OccurredAt, orders[^1].OccurredAt, 47, orders.Sum(o => o.SpendCents), orders,
            orders.Select(o => MemberFacts.MonthIndex(o.OccurredAt)));
        var json = f.ToJson();
        Assert.True(json.Length < 47 * 30, $"{json.Length} characters: {json}");
        Assert.Contains("\"m\":[[24312,12]]", json); // 15 January to 10 December 2026: twelve months in one run
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"n\":1,\"c\":[\"coffee\"],\"o\":[[1,100,3]],\"m\":[]}")]
    [InlineData("{\"n\":1,\"c\":[],\"o\":[[1]],\"m\":[]}")]
    [InlineData("{\"n\":1,\"c\":[],\"o\":[],\"m\":[[24312]]}")]
    [InlineData("[1,2]")]
    public void Malformed_JSON_is_refused(string json) => Assert.ThrowsAny<JsonException>(() => MemberFacts.FromJson(json));
}
