using System.Text.Json;
using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>A replay answers with the promotions the purchase got; a member rebuilt from the ledger knows them too.</summary>
public class PromotionReplayAndRecallTests
{
    private static TestMember MemberWithPromotedSales()
    {
        var m = MemberWith(Promo("a-double-coffee", Multiplier(2m, "coffee")), Promo("b-bonus", BonusPoints(10, minSpend: 10m), limit: 3),
            Promo("c-stamps", BonusStamps(2)));
        m.BuyAs("P1", Coffee(2, unitPrice: 3.15m), Item(7.05m));
        m.BuyAs("P2", Item(3m));
        m.BuyAs("P3", Coffee(5), Item(4m, 2));
        m.Refund("P3", Back("ITEM"));
        return m;
    }

    [Fact]
    public void A_replay_returns_the_original_outcome_with_its_promotions()
    {
        var m = MemberWithPromotedSales();
        var record = m.State.Transactions["P1"];
        var first = record.Sale!.Promotions.Select(g => g.ToApplied()).ToArray();
        Assert.Empty(record.Purchase!.PromotionsApplied); // what each promotion gave is stored once, with the sale
        var balance = m.Balance;
        m.Promotions = PromotionContext.None; // the catalogue changed since: the replay does not look at it

        var replay = m.BuyAs("P1", Coffee(2, unitPrice: 3.15m), Item(7.05m));

        Assert.True(replay.Duplicate);
        Assert.Equal(3, replay.PromotionsApplied.Count);
        Assert.Equal(first, replay.PromotionsApplied);
        Assert.Equal(balance, m.Balance);
    }

    [Fact]
    public void Rebuilding_from_the_ledger_gives_back_the_promotions_of_every_sale()
    {
        var m = MemberWithPromotedSales();
        var outcomes = Outcomes(m.State);

        m.State.Transactions.Clear();
        m.Programme.Recall(m.State, m.State.Outbox, m.Now);

        Assert.Equal(outcomes, Outcomes(m.State));
        Assert.Equal(3, m.State.Transactions["P1"].Sale!.Promotions.Count);
        m.Promotions = PromotionContext.None;
        Assert.Equal(3, m.BuyAs("P1", Coffee(2, unitPrice: 3.15m), Item(7.05m)).PromotionsApplied.Count);
    }

    [Fact]
    public void After_a_rebuild_refunds_reverse_promotions_as_before()
    {
        var kept = MemberWithPromotedSales();
        var rebuilt = MemberWithPromotedSales();
        rebuilt.State.Transactions.Clear();
        rebuilt.Programme.Recall(rebuilt.State, rebuilt.State.Outbox.AsEnumerable().Reverse(), rebuilt.Now);

        foreach (var m in new[] { kept, rebuilt })
        {
            var partial = m.Refund("P3", Back("LATTE", 4), Back("ITEM"));
            var full = m.Refund("P1", Back("LATTE", 2), Back("ITEM"));
            // P3 kept one coffee (3.20): the bonus lapses below its minimum spend, the coffee promotions hold.
            Assert.Equal((50L - 4 - 6, 4), (partial.PointsReversed, partial.StampsReversed));
            // P1 returned whole: its 29 points, two stamps bought and two bonus stamps.
            Assert.Equal((29L, 4), (full.PointsReversed, full.StampsReversed));
            Assert.Empty(m.State.PromotionUses); // both uses of the bonus given back
        }
        Assert.Equal(StateSnapshot.Of(kept.State), StateSnapshot.Of(rebuilt.State));
    }

    private static string Outcomes(MemberState s) => string.Join("\n", s.Transactions.Values
        .OrderBy(t => t.TransactionId, StringComparer.Ordinal)
        .Select(t => $"{t.TransactionId} {Json(t.Purchase)} {Json(t.Refund)} {Json(t.Sale)}"));

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
