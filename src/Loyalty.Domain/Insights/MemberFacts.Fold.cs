namespace Loyalty.Domain.Insights;

public sealed partial class MemberFacts
{
    /// <summary>
    /// These facts brought up to date with the ledger entries written after <see cref="ThroughSequence"/>: the same
    /// facts as <see cref="FromLedger"/> of the whole ledger, without reading the entries these facts already reflect.
    /// Null when only a full read gives them: the sequence is unknown, a refund is among the entries (it may lower an
    /// order these facts no longer keep), a new purchase is one an earlier refund named, or a new order occurred in the
    /// same millisecond as a kept one (orders of one moment are ordered by their transaction ids, which are not kept).
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
            .Select(p => (Id: p.Key, Sale: Sale.Of(p.Value)))
            .Where(s => s.Sale.SpendCents > 0)
            .OrderBy(s => s.Sale.OccurredAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Sale.ToOrder())
            .ToList();
        if (added.Count == 0)
            return new MemberFacts(FirstOrderAt, LastOrderAt, LifetimeOrders, LifetimeSpendCents, Orders, ActiveMonths, last, UnmatchedRefunds);
        var kept = Orders.Select(o => o.OccurredAt).ToHashSet();
        if (added.Any(o => kept.Contains(o.OccurredAt)))
            return null;

        var first = FirstOrderAt is { } f && f <= added[0].OccurredAt ? f : added[0].OccurredAt;
        var lastOrder = LastOrderAt is { } l && l >= added[^1].OccurredAt ? l : added[^1].OccurredAt;
        var keepFrom = lastOrder.AddMonths(-KeptMonths);
        // The constructor's sort is stable and no added order shares a moment with a kept one: the kept orders keep
        // their order, the added ones theirs.
        var orders = Orders.Concat(added).Where(o => o.OccurredAt > keepFrom).ToArray();
        return new MemberFacts(first, lastOrder, LifetimeOrders + added.Count, LifetimeSpendCents + added.Sum(o => o.SpendCents),
            orders, ActiveMonths.Concat(added.Select(o => MonthIndex(o.OccurredAt))), last, UnmatchedRefunds);
    }
}
