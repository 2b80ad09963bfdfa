namespace Loyalty.Domain.Insights;

public sealed partial class MemberFacts
{
    /// <summary>
    /// These facts brought up to date with the ledger entries written after <see cref="ThroughSequence"/>: the same
    /// facts as <see cref="FromLedger"/> of the whole ledger, without reading the entries these facts already reflect.
    /// Null when only a full read gives them: the sequence is unknown, a refund is among the entries (it may lower an
    /// order these facts no longer keep), or a new purchase is one an earlier refund named. Orders of one moment are in
    /// the order they were written (ledger sequence), so a new order in the same millisecond as a kept one goes after it,
    /// as in a full read. (They used to be ordered by transaction id, which the facts do not keep, and a member bought
    /// from at several tills at once, whose new orders often shared a millisecond with the last kept one, had their
    /// whole history read on almost every pass.)
    /// </summary>
    /// <param name="newer">The member's entries after <see cref="ThroughSequence"/>, in any order; the caller makes sure
    /// that none is a purchase with the transaction id of an earlier purchase (the full read counts only the earliest).</param>
    public MemberFacts? Fold(IEnumerable<LedgerEntry> newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        if (ThroughSequence is not { } through)
            return null;
        var purchases = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var last = through;
        foreach (var e in newer)
        {
            if (e.Kind is not (LedgerKinds.Purchase or LedgerKinds.Refund) || e.Sequence <= through)
                continue;
            if (e.Kind == LedgerKinds.Refund)
                return null;
            last = Math.Max(last, e.Sequence);
            if (e.TransactionId is not { } id)
                continue;
            if (UnmatchedRefunds.Contains(id))
                return null;
            if (!purchases.TryGetValue(id, out var seen) || e.Sequence < seen.Sequence)
                purchases[id] = e;
        }

        var added = purchases
            .Select(p => Sale.Of(p.Value))
            .Where(s => s.SpendCents > 0)
            .OrderBy(s => s.OccurredAt).ThenBy(s => s.Sequence)
            .Select(s => s.ToOrder())
            .ToList();
        if (added.Count == 0)
            return new MemberFacts(FirstOrderAt, LastOrderAt, LifetimeOrders, LifetimeSpendCents, Orders, ActiveMonths, last, UnmatchedRefunds);

        var first = FirstOrderAt is { } f && f <= added[0].OccurredAt ? f : added[0].OccurredAt;
        var lastOrder = LastOrderAt is { } l && l >= added[^1].OccurredAt ? l : added[^1].OccurredAt;
        var keepFrom = lastOrder.AddMonths(-KeptMonths);
        // The constructor's sort is stable: the kept orders keep their order, the added ones (written after them) theirs,
        // and an added order of the same moment as a kept one goes after it.
        var orders = Orders.Concat(added).Where(o => o.OccurredAt > keepFrom).ToArray();
        return new MemberFacts(first, lastOrder, LifetimeOrders + added.Count, LifetimeSpendCents + added.Sum(o => o.SpendCents),
            orders, ActiveMonths.Concat(added.Select(o => MonthIndex(o.OccurredAt))), last, UnmatchedRefunds);
    }
}
