using Loyalty.Domain;
using Loyalty.Domain.Insights;

namespace Loyalty.Storage.Tests;

/// <summary>The projector reads only the sales after those a member's stored facts reflect, to the answer of a full read.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private async Task<MemberFacts> StoredFactsAsync(string memberId) =>
        MemberFacts.FromJson((await Store.ReadMembersAsync([memberId])).Single().Value.Facts);

    private static long LastSale(IEnumerable<LedgerEntry> entries) =>
        entries.Where(e => e.Kind is LedgerKinds.Purchase or LedgerKinds.Refund).Max(e => e.Sequence);

    [Fact]
    public async Task The_projector_folds_in_new_sales_and_reads_refunds_and_repeated_sales_in_full_to_the_answer_of_a_rebuild()
    {
        var buyer = new InsightsHistory(NewMemberId(), AsOf).Regular(360, 120, 9, 8.00m);
        var old = buyer.Buy(330, 25.00m, "beans", "BAG");
        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        await DrainAsync(AsOf);
        var stored = await StoredFactsAsync(buyer.MemberId);
        Assert.Equal(LastSale(buyer.Entries), stored.ThroughSequence);

        // New sales, one back-dated among the old ones: the ledger gives back only those, and the projector folds them in.
        var through = stored.ThroughSequence!.Value;
        buyer.Regular(100, 10, 5, 11.00m, "pastry");
        buyer.Buy(200, 4.00m, "tea");
        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        var newSales = await Store.ReadNewSalesAsync([KeyValuePair.Create(buyer.MemberId, through)]);
        Assert.Equal(buyer.Entries.Where(e => e.Sequence > through && e.Kind == LedgerKinds.Purchase).Select(e => e.Sequence),
            newSales.Entries[buyer.MemberId].Select(e => e.Sequence).Order());
        Assert.Empty(newSales.Repeating);
        await DrainAsync(AsOf);
        stored = await StoredFactsAsync(buyer.MemberId);
        Assert.Equal(MemberFacts.FromLedger(buyer.Entries).ToJson(), stored.ToJson());
        Assert.Equal(LastSale(buyer.Entries), stored.ThroughSequence);

        // A refund of an old purchase (returned whole, so no longer an order), written after the later sales, is read in full.
        buyer.Refund(old, 250, "BAG");
        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        await DrainAsync(AsOf);
        stored = await StoredFactsAsync(buyer.MemberId);
        Assert.Equal(MemberFacts.FromLedger(buyer.Entries).ToJson(), stored.ToJson());

        // The refunded sale written again under a new sequence: a full read counts only the first, refunded, so the
        // ledger query flags it and the projector reads the member in full rather than adding it as a new order.
        var repeated = buyer.Entries.Single(e => e.Kind == LedgerKinds.Purchase && e.TransactionId == old) with
        {
            Sequence = buyer.Entries.Max(e => e.Sequence) + 1,
        };
        await Fixture.Ledger.AppendAsync(buyer.MemberId, [repeated]);
        var all = buyer.Entries.Append(repeated).ToList();
        Assert.Contains(buyer.MemberId, (await Store.ReadNewSalesAsync([KeyValuePair.Create(buyer.MemberId, LastSale(buyer.Entries))])).Repeating);
        await DrainAsync(AsOf);
        stored = await StoredFactsAsync(buyer.MemberId);
        Assert.Equal(MemberFacts.FromLedger(all).ToJson(), stored.ToJson());
        Assert.Equal(LastSale(all), stored.ThroughSequence);

        // Built again from the whole ledger, the read model gives the same answers: the month counts, and the member's
        // row (other tests' rows may have been evaluated at other moments by the sweep).
        var folded = await SnapshotAsync();
        await Projector.RebuildAsync();
        await DrainAsync(AsOf);
        var rebuilt = await SnapshotAsync();
        Assert.Equal(folded.Months, rebuilt.Months);
        Assert.Equal(RowOf(folded.Members, buyer.MemberId), RowOf(rebuilt.Members, buyer.MemberId));
    }

    private static string RowOf(IEnumerable<string> rows, string memberId) => rows.Single(r => r.StartsWith(memberId + "|", StringComparison.Ordinal));
}
