using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Rebuilds the member's transactions from their ledger entries, so that replays answer with the original outcome
    /// and refunds find their sale, exactly as before the member was unloaded: the full records of the transactions of
    /// <paramref name="entries"/> (<see cref="MemberState.Transactions"/>) and every other id of the transaction window
    /// (<see cref="MemberState.TransactionIds"/>, whose records are read back when a command names them, see
    /// <see cref="TransactionsToRecall"/>). Give at least the entries not yet in the ledger (the member's grain gives those
    /// only), and in <paramref name="marks"/> the id and time of every entry of the window with a transaction id (the
    /// entries given count too), in any order; duplicates are ignored.
    /// </summary>
    public void Recall(MemberState s, IEnumerable<LedgerEntry> entries, IEnumerable<TransactionMark> marks, DateTimeOffset now)
    {
        s.Transactions.Clear();
        s.TransactionIds.Clear();
        s.NextTransactionPruneAt = null;
        RecallInto(s.Transactions, entries);
        if (s.Transactions.Count > 0)
            PruneTransactions(s, now);
        var since = WindowStart(now);
        foreach (var mark in marks)
            if (mark.At >= since && !s.Transactions.ContainsKey(mark.TransactionId))
                s.TransactionIds.Add(mark.TransactionId, mark.At);
    }

    /// <summary>Rebuilds the member's transactions from all their ledger entries of the window (see the other overload).</summary>
    public void Recall(MemberState s, IEnumerable<LedgerEntry> entries, DateTimeOffset now)
    {
        var list = entries as IReadOnlyCollection<LedgerEntry> ?? entries.ToList();
        Recall(s, list, list.Where(e => e.TransactionId is not null).Select(e => new TransactionMark(e.TransactionId!, e.At)), now);
    }

    /// <summary>
    /// The ids among those a command names whose full record must be read back from the ledger before it is applied:
    /// used inside the window (as far as <see cref="MemberState.TransactionIds"/> can tell) but no longer in
    /// <see cref="MemberState.Transactions"/>. Empty for nearly every command.
    /// </summary>
    public IReadOnlyList<string> TransactionsToRecall(MemberState s, DateTimeOffset now, params ReadOnlySpan<string?> transactionIds)
    {
        List<string>? ids = null;
        var since = WindowStart(now);
        foreach (var id in transactionIds)
            if (id is not null && !s.Transactions.ContainsKey(id) && s.TransactionIds.MayContain(id, since))
                (ids ??= []).Add(id);
        return ids ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// Reads back the full records of <paramref name="transactionIds"/> from their ledger entries: each transaction's
    /// own, and the refunds and voids that name it as their original (other entries are ignored). An id the entries do not hold is
    /// known to be new, even if its digest matched another's.
    /// </summary>
    public void RecallTransactions(MemberState s, IReadOnlyCollection<string> transactionIds, IEnumerable<LedgerEntry> entries)
    {
        var found = new Dictionary<string, TransactionRecord>(StringComparer.Ordinal);
        RecallInto(found, entries);
        var missing = new List<string>();
        foreach (var id in transactionIds)
            if (found.TryGetValue(id, out var record))
            {
                s.Transactions[id] = record;
                s.NextTransactionPruneAt = s.NextTransactionPruneAt is { } at && at < record.At.AddDays(_options.TransactionWindowDays)
                    ? at
                    : record.At.AddDays(_options.TransactionWindowDays);
            }
            else
                missing.Add(id);
        if (missing.Count > 0)
            s.TransactionIds.NotInLedger(missing);
    }

    /// <summary>Builds the records of the transactions in <paramref name="entries"/> into <paramref name="records"/>.</summary>
    private void RecallInto(Dictionary<string, TransactionRecord> records, IEnumerable<LedgerEntry> entries)
    {
        var sales = new Dictionary<string, SaleRecall>(StringComparer.Ordinal);
        var refunded = new Dictionary<string, SaleRecall>(StringComparer.Ordinal); // by refund: the sale it refunded
        long last = 0;
        foreach (var e in entries.OrderBy(e => e.Sequence))
        {
            if (e.Sequence <= last || e.TransactionId is not { } id || e.Details is null)
                continue;
            last = e.Sequence;
            switch (e.Kind)
            {
                case LedgerKinds.Purchase:
                    sales[id] = RecallSale(records, e, id);
                    break;
                case LedgerKinds.TierChanged when sales.TryGetValue(id, out var sale):
                    sale.TierChanged = true;
                    break;
                case LedgerKinds.RewardIssued when sales.TryGetValue(id, out var sale):
                    var reward = Read<RewardDetails>(e);
                    sale.Rewards.Add(new RewardView(reward.RewardId, reward.Kind, reward.Description, reward.ExpiresAt, reward.Count ?? 1));
                    break;
                case LedgerKinds.RewardRevoked when refunded.TryGetValue(id, out var sale):
                    var revoked = Read<RewardDetails>(e);
                    sale.Revoked[revoked.RewardId] = sale.Revoked.GetValueOrDefault(revoked.RewardId) + (revoked.Count ?? 1);
                    break;
                case LedgerKinds.Redemption or LedgerKinds.RewardRedeemed:
                    var redemption = Read<RedemptionDetails>(e);
                    var redeemed = redemption.RewardId is null
                        ? null
                        : new RewardView(redemption.RewardId, redemption.Kind!, redemption.Description!, redemption.ExpiresAt!.Value);
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(redemption.Fingerprint), At = e.At,
                        Redemption = new RedemptionOutcome(id, false, -e.Points, redeemed, e.Balance), Taken = redemption.Lots,
                    };
                    break;
                case LedgerKinds.Adjustment:
                    var adjustment = Read<AdjustmentDetails>(e);
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(adjustment.Fingerprint), At = e.At,
                        Adjustment = new AdjustmentOutcome(id, false, e.Points, adjustment.Reason, e.Balance),
                    };
                    break;
                case LedgerKinds.RedemptionVoided:
                    var voided = Read<VoidDetails>(e);
                    var restored = voided.RewardId is null
                        ? null
                        : new RewardView(voided.RewardId, voided.Kind!, voided.Description!, voided.ExpiresAt!.Value);
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(voided.Fingerprint), At = e.At,
                        Void = new VoidOutcome(id, false, voided.OriginalTransactionId, e.Points, restored, e.Balance),
                    };
                    if (records.GetValueOrDefault(voided.OriginalTransactionId) is { Redemption: not null } redeemedBefore)
                        redeemedBefore.VoidedBy = id;
                    break;
                case LedgerKinds.MergedIn:
                    var mergedIn = Read<MergeInDetails>(e);
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(mergedIn.Fingerprint), At = e.At,
                        Merge = new MergeOutcome(id, false, mergedIn.TargetMemberId, mergedIn.SourceMemberId, e.Points, e.Balance, mergedIn.Tier),
                    };
                    break;
                case LedgerKinds.MergedOut:
                    var mergedOut = Read<MergeOutDetails>(e);
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(mergedOut.Fingerprint), At = e.At,
                        Merge = new MergeOutcome(id, false, mergedOut.TargetMemberId, mergedOut.SourceMemberId, -e.Points, e.Balance, LowestTier),
                    };
                    break;
                case LedgerKinds.Refund:
                    var refund = Read<RefundDetails>(e);
                    var reversed = -e.Points + (refund.PendingCancelled ?? 0); // from the balance, and from the sale's pending points
                    records[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(refund.Fingerprint), At = e.At,
                        Refund = new RefundOutcome(id, false, reversed, refund.Stamps.Values.Sum(), e.Balance),
                    };
                    if (sales.TryGetValue(refund.OriginalTransactionId, out var refundedSale))
                        refunded[id] = refundedSale;
                    if (records.GetValueOrDefault(refund.OriginalTransactionId)?.Sale is { } original)
                    {
                        original.PointsReversed += reversed;
                        for (var i = 0; i < refund.Returned.Count && i < original.RefundedQuantities.Length; i++)
                            original.RefundedQuantities[i] += refund.Returned[i];
                    }
                    break;
            }
        }
        foreach (var sale in sales.Values)
        {
            var rewards = sale.Rewards.ToArray();
            sale.Record.Purchase = sale.Record.Purchase! with { TierChanged = sale.TierChanged, RewardsIssued = rewards };
            sale.Record.Sale!.RewardIds = rewards.Select(r => r.RewardId).ToArray();
            sale.Record.Sale.RewardCounts = rewards.Select(r => r.Count - sale.Revoked.GetValueOrDefault(r.RewardId)).ToArray();
        }
    }

    private SaleRecall RecallSale(Dictionary<string, TransactionRecord> records, LedgerEntry e, string id)
    {
        var d = Read<PurchaseDetails>(e);
        var earned = e.Points + (d.PendingPoints ?? 0); // points that went pending are in the details, not in the entry's
        var lines = d.Lines.Select(l => new PurchaseLine(CatalogueStrings.Share(l.Sku)!, CatalogueStrings.Share(l.Category), l.Quantity, l.UnitPrice)).ToArray();
        var cards = _options.StampCards
            .Select(c => new StampCardView(c.CardId, d.Cards.GetValueOrDefault(c.CardId), c.StampsRequired)).ToArray();
        var record = new TransactionRecord
        {
            TransactionId = id,
            Fingerprint = Fingerprint.Compact(d.Fingerprint),
            At = e.At,
            ImportId = d.ImportId,
            Purchase = new PurchaseOutcome(id, false, earned, e.Balance, d.Tier, false, cards, [], []), // promotions: in Sale
            Sale = new PurchaseRecord
            {
                OccurredAt = d.OccurredAt,
                Lines = lines,
                RefundedQuantities = new int[lines.Length],
                PointsPerUnit = d.PointsPerUnit,
                PointsEarned = earned,
                LotExpiresOn = d.LotExpiresOn,
                Promotions = d.Promotions is { Count: > 0 } ? d.Promotions.ToArray() : [],
            },
        };
        records[id] = record;
        return new SaleRecall(record);
    }

    private static T Read<T>(LedgerEntry e) => JsonSerializer.Deserialize<T>(e.Details!, DetailsJson.Options)!;

    private sealed class SaleRecall(TransactionRecord record)
    {
        public TransactionRecord Record { get; } = record;
        public bool TierChanged { get; set; }
        public List<RewardView> Rewards { get; } = [];
        /// <summary>How many of the sale's rewards its refunds revoked, by group id.</summary>
        public Dictionary<string, int> Revoked { get; } = new(StringComparer.Ordinal);
    }
}
