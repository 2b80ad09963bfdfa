using Loyalty.Domain;

namespace Loyalty.Domain.Tests;

/// <summary>
/// Remembered sales share their SKU and category strings between members, so a member costs less memory; the values,
/// and so every rule that reads them, stay as the till sent them.
/// </summary>
public class CatalogueStringsTests
{
    [Fact]
    public void Two_members_who_bought_the_same_item_hold_one_instance_of_its_sku_and_category()
    {
        var ada = new TestMember();
        var bob = new TestMember();
        ada.BuyAs("A1", Line(Fresh("FLAT-WHITE"), Fresh("coffee")));
        bob.BuyAs("B1", Line(Fresh("FLAT-WHITE"), Fresh("coffee")));

        var a = ada.State.Transactions["A1"].Sale!.Lines[0];
        var b = bob.State.Transactions["B1"].Sale!.Lines[0];
        Assert.Equal(("FLAT-WHITE", "coffee", 2, 3.40m), (b.Sku, b.Category, b.Quantity, b.UnitPrice));
        Assert.Same(a.Sku, b.Sku);
        Assert.Same(a.Category, b.Category);
    }

    [Fact]
    public void Sales_rebuilt_from_the_ledger_share_them_too()
    {
        var ada = new TestMember();
        ada.BuyAs("A1", Line(Fresh("MOCHA-XL"), Fresh("coffee")));
        var bob = new TestMember();
        bob.BuyAs("B1", Line(Fresh("MOCHA-XL"), Fresh("coffee")));
        bob.State.Transactions.Clear();

        bob.Programme.Recall(bob.State, bob.State.Outbox, bob.Now);

        var rebuilt = bob.State.Transactions["B1"].Sale!.Lines[0];
        Assert.Equal("MOCHA-XL", rebuilt.Sku);
        Assert.Same(ada.State.Transactions["A1"].Sale!.Lines[0].Sku, rebuilt.Sku);
    }

    [Fact]
    public void A_line_without_category_keeps_none_and_a_long_value_is_kept_as_it_came()
    {
        var sku = new string('S', CatalogueStrings.MaxLength + 1);
        Assert.Same(sku, CatalogueStrings.Share(sku));
        Assert.Null(CatalogueStrings.Share(null));

        var m = new TestMember();
        m.BuyAs("T1", new PurchaseLine(sku, null, 1, 1m));
        var line = m.State.Transactions["T1"].Sale!.Lines[0];
        Assert.Same(sku, line.Sku);
        Assert.Null(line.Category);
    }

    [Fact]
    public void Stamps_and_refunds_work_on_shared_lines_as_on_the_originals()
    {
        var m = new TestMember();
        var sale = m.BuyAs("T1", Line(Fresh("LATTE"), Fresh("Coffee"), quantity: 9), Line(Fresh("SCONE"), Fresh("bakery")));
        var reward = Assert.Single(sale.RewardsIssued).RewardId;

        m.Refund("T1", new RefundLine(Fresh("LATTE"), 1));

        Assert.Equal(new[] { 1, 0 }, m.State.Transactions["T1"].Sale!.RefundedQuantities);
        Assert.Equal(RewardStatus.Revoked, m.StatusOf(reward)); // the returned coffee took its stamp back
        Assert.Equal(8, m.State.Stamps["coffee"]);
    }

    private static PurchaseLine Line(string sku, string category, int quantity = 2) => new(sku, category, quantity, 3.40m);

    /// <summary>A new instance, as a string read from a request body is.</summary>
    private static string Fresh(string value) => new(value.AsSpan());
}
