using System.Text.Json;
using Loyalty.Domain.Insights;

namespace Loyalty.Domain.Tests.Insights;

/// <summary>
/// Facts brought up to date with the new entries only (<see cref="MemberFacts.Fold"/>) are the facts of a full read of
/// the ledger, and where they cannot be, the fold says so.
/// </summary>
public class MemberFactsFoldTests
{
    private static readonly string[] Categories = ["coffee", "Pastry", "beans", " Mugs "];

    /// <summary>
    /// Random ledgers: purchases over four years (some in the same millisecond, some free, some without details), refunds
    /// of recent and old purchases, of unknown ones and of purchases written after them, repeated purchases and other
    /// entries (refunds in half of the ledgers only, so that the other half shows the fold at work). Each is read in random chunks the way the projector reads it: the stored facts (through their JSON) are
    /// folded with the next chunk, or read again in full where the fold cannot; after every chunk they equal a full read.
    /// </summary>
    [Fact]
    public void Folding_the_new_entries_into_stored_facts_gives_the_facts_of_a_full_read()
    {
        var random = new Random(18);
        int folds = 0, foldsWithOrders = 0, fullReads = 0;
        for (var history = 0; history < 300; history++)
        {
            var entries = RandomLedger(random, random.Next(1, 80), refundShare: history % 2 == 0 ? 0 : 10);
            var read = 0;
            MemberFacts? stored = null;
            while (read < entries.Count)
            {
                var chunk = entries.Skip(read).Take(random.Next(1, 12)).ToList();
                var earlier = entries.Take(read).ToList();
                read += chunk.Count;
                var all = entries.Take(read).ToList();
                var expected = MemberFacts.FromLedger(all);
                var repeats = chunk.Any(e => e.Kind == LedgerKinds.Purchase &&
                    earlier.Any(p => p.Kind == LedgerKinds.Purchase && p.TransactionId == e.TransactionId && e.TransactionId is not null));
                var folded = stored is null || repeats ? null : stored.Fold(chunk);
                if (folded is null)
                    fullReads++;
                else
                {
                    folds++;
                    if (folded.LifetimeOrders > stored!.LifetimeOrders)
                        foldsWithOrders++;
                }
                var facts = folded ?? expected;
                Assert.Equal(expected.ToJson(), facts.ToJson());
                stored = MemberFacts.FromJson(facts.ToJson());
            }
        }
        // The fold did the work most of the time: full reads only for the first chunk and the cases it leaves to them.
        Assert.True(folds > fullReads, $"{folds} folds, {fullReads} full reads");
        Assert.True(foldsWithOrders > folds / 2, $"{foldsWithOrders} of {folds} folds added orders");
    }

    [Fact]
    public void Facts_stored_before_the_sequence_was_kept_are_read_again_in_full()
    {
        var entries = RandomLedger(new Random(1), 10);
        var json = MemberFacts.FromLedger(entries).ToJson();
        var old = MemberFacts.FromJson(JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
            .Where(p => p.Key != "q").ToDictionary()));
        Assert.Null(old.ThroughSequence);
        Assert.Null(old.Fold([Purchase(11, "NEW", Kit.T0, 500, "coffee")]));
    }

    [Fact]
    public void A_refund_or_a_purchase_an_earlier_refund_named_needs_a_full_read()
    {
        var facts = MemberFacts.FromLedger([Purchase(1, "A", Kit.T0, 500, "coffee"), Refund(2, "R1", "LATER", 100, [1])]);
        Assert.Equal(["LATER"], facts.UnmatchedRefunds);
        Assert.Null(facts.Fold([Refund(3, "R2", "A", 100, [0])]));
        Assert.Null(facts.Fold([Purchase(3, "LATER", Kit.T0.AddDays(1), 500, "coffee")]));
        var next = facts.Fold([Purchase(3, "B", Kit.T0.AddDays(1), 700, "beans"), Purchase(4, null, Kit.T0.AddDays(2), 100, "beans")]);
        Assert.NotNull(next);
        Assert.Equal((2, 1200L, 4L), (next.LifetimeOrders, next.LifetimeSpendCents, next.ThroughSequence));
    }

    [Fact]
    public void An_order_in_the_same_millisecond_as_a_kept_one_is_folded_in_after_it_as_a_full_read_orders_them()
    {
        // "A" sorts before "B" but was written after it: orders of one moment go in the order they were written.
        var first = Purchase(1, "B", Kit.T0, 500, "coffee");
        var second = Purchase(2, "A", Kit.T0, 300, "beans");
        var folded = MemberFacts.FromLedger([first]).Fold([second]);
        Assert.NotNull(folded);
        Assert.Equal(MemberFacts.FromLedger([second, first]).ToJson(), folded.ToJson());
        Assert.Equal([500L, 300L], folded.Orders.Select(o => o.SpendCents));
    }

    [Fact]
    public void A_member_with_more_orders_than_are_kept_keeps_the_latest_and_counts_them_all_in_a_full_read_and_a_fold()
    {
        // 10,050 orders over 25 days, two in each moment; then 30 more folded in.
        var entries = Enumerable.Range(0, MemberFacts.MaxKeptOrders + 80)
            .Select(i => Purchase(i + 1, $"T{i:D5}", Kit.T0.AddDays(-50).AddSeconds(i / 2 * 430), 100 + i % 7, "coffee"))
            .ToList();
        var first = MemberFacts.FromLedger(entries.Take(MemberFacts.MaxKeptOrders + 50).ToList());
        Assert.Equal(MemberFacts.MaxKeptOrders, first.Orders.Count);
        Assert.Equal(MemberFacts.MaxKeptOrders + 50, first.LifetimeOrders);
        Assert.Equal(Enumerable.Range(0, MemberFacts.MaxKeptOrders + 50).Sum(i => 100L + i % 7), first.LifetimeSpendCents);
        Assert.Equal(entries[50..(MemberFacts.MaxKeptOrders + 50)].Select(e => e.Amount!.Value * 100), first.Orders.Select(o => (decimal)o.SpendCents));

        var folded = MemberFacts.FromJson(first.ToJson()).Fold(entries.Skip(MemberFacts.MaxKeptOrders + 50).ToList());
        var full = MemberFacts.FromLedger(entries);
        Assert.NotNull(folded);
        Assert.Equal(full.ToJson(), folded.ToJson());
        Assert.Equal(MemberFacts.MaxKeptOrders, folded.Orders.Count);
        Assert.Equal(full.LastOrderAt, folded.Orders[^1].OccurredAt);
    }

    private static List<LedgerEntry> RandomLedger(Random random, int count, int refundShare = 10)
    {
        var entries = new List<LedgerEntry>();
        var purchases = new List<(string Id, long Cents, int Lines)>();
        var times = new List<DateTimeOffset>();
        var laterIds = new List<string>();
        for (var sequence = 1L; sequence <= count; sequence++)
        {
            var roll = random.Next(100);
            if (roll < 80 || purchases.Count == 0)
            {
                var id = roll % 29 == 0 && purchases.Count > 0 ? purchases[random.Next(purchases.Count)].Id // repeated
                    : roll % 5 == 0 && laterIds.Count > 0 ? laterIds[0] // named by an earlier refund
                    : $"T{sequence:D4}";
                laterIds.Remove(id);
                var at = times.Count > 0 && random.Next(25) == 0
                    ? times[random.Next(times.Count)]
                    : Kit.T0.AddDays(-random.Next(0, 1460)).AddMinutes(random.Next(0, 1440)).AddTicks(random.Next(0, 30_000));
                times.Add(at);
                var cents = random.Next(6) == 0 ? 0 : random.Next(1, 9000);
                var lines = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Categories[random.Next(Categories.Length)]).ToArray();
                entries.Add(random.Next(30) == 0
                    ? new LedgerEntry(sequence, LedgerKinds.Purchase, at, id, "S1", 0, 0, cents / 100m, "Sale", null, null, null)
                    : Purchase(sequence, id, at, cents, lines));
                purchases.Add((id, cents, lines.Length));
            }
            else if (roll < 80 + refundShare)
            {
                var original = random.Next(10) switch
                {
                    0 => "UNKNOWN",
                    1 => $"T{count + sequence:D4}",
                    _ => purchases[random.Next(purchases.Count)].Id,
                };
                if (original.StartsWith('T') && !purchases.Any(p => p.Id == original))
                    laterIds.Add(original);
                var lines = purchases.FirstOrDefault(p => p.Id == original).Lines;
                entries.Add(Refund(sequence, $"R{sequence:D4}", original, random.Next(0, 4000),
                    Enumerable.Range(0, Math.Max(lines, 1)).Select(_ => random.Next(0, 3)).ToArray()));
            }
            else
                entries.Add(new LedgerEntry(sequence, LedgerKinds.PointsExpired, Kit.T0, null, null, -5, 0, null, "Expired", null, null, null));
        }
        return entries;
    }

    private static LedgerEntry Purchase(long sequence, string? id, DateTimeOffset occurredAt, long cents, params string[] categories)
    {
        var lines = categories.Select((c, i) => new PurchaseLineDetails($"SKU{i}", c, 1 + i % 2, 1m)).ToArray();
        var details = new PurchaseDetails(occurredAt, cents / 100m, "base", 1, lines, new Dictionary<string, int>(),
            new Dictionary<string, int>(), DateOnly.FromDateTime(occurredAt.UtcDateTime), "fp");
        return new LedgerEntry(sequence, LedgerKinds.Purchase, occurredAt.AddMinutes(5), id, "S1", 0, 0, cents / 100m, "Sale",
            JsonSerializer.Serialize(details, DetailsJson.Options), null, null);
    }

    private static LedgerEntry Refund(long sequence, string id, string original, long cents, int[] returned)
    {
        var details = new RefundDetails(original, [], cents / 100m, new Dictionary<string, int>(), returned, "fp");
        return new LedgerEntry(sequence, LedgerKinds.Refund, Kit.T0, id, "S1", 0, 0, -cents / 100m, "Refund",
            JsonSerializer.Serialize(details, DetailsJson.Options), null, null);
    }
}
