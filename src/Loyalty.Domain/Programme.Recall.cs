using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Rebuilds the member's recent transactions (<see cref="MemberState.Transactions"/>) from their ledger entries,
    /// so that replays answer with the original outcome and refunds find their sale, exactly as before the member was
    /// unloaded. Give at least the entries of the transaction window, in any order; duplicates are ignored.
    /// </summary>
    public void Recall(MemberState s, IEnumerable<LedgerEntry> entries, DateTimeOffset now)
    {
        s.Transactions.Clear();
        s.NextTransactionPruneAt = null;
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
                    sales[id] = RecallSale(s, e, id);
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
                    s.Transactions[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(redemption.Fingerprint), At = e.At,
                        Redemption = new RedemptionOutcome(id, false, -e.Points, redeemed, e.Balance),
                    };
                    break;
                case LedgerKinds.Refund:
                    var refund = Read<RefundDetails>(e);
                    s.Transactions[id] = new TransactionRecord
                    {
                        TransactionId = id, Fingerprint = Fingerprint.Compact(refund.Fingerprint), At = e.At,
                        Refund = new RefundOutcome(id, false, -e.Points, refund.Stamps.Values.Sum(), e.Balance),
                    };
                    if (sales.TryGetValue(refund.OriginalTransactionId, out var refundedSale))
                        refunded[id] = refundedSale;
                    if (s.Transactions.GetValueOrDefault(refund.OriginalTransactionId)?.Sale is { } original)
                    {
                        original.PointsReversed -= e.Points;
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
        if (s.Transactions.Count > 0)
            PruneTransactions(s, now);
    }

    private SaleRecall RecallSale(MemberState s, LedgerEntry e, string id)
    {
        var d = Read<PurchaseDetails>(e);
        var lines = d.Lines.Select(l => new PurchaseLine(CatalogueStrings.Share(l.Sku)!, CatalogueStrings.Share(l.Category), l.Quantity, l.UnitPrice)).ToArray();
        var cards = _options.StampCards
            .Select(c => new StampCardView(c.CardId, d.Cards.GetValueOrDefault(c.CardId), c.StampsRequired)).ToArray();
        var record = new TransactionRecord
        {
            TransactionId = id,
            Fingerprint = Fingerprint.Compact(d.Fingerprint),
            At = e.At,
            Purchase = new PurchaseOutcome(id, false, e.Points, e.Balance, d.Tier, false, cards, [], []), // promotions: in Sale
            Sale = new PurchaseRecord
            {
                OccurredAt = d.OccurredAt,
                Lines = lines,
                RefundedQuantities = new int[lines.Length],
                PointsPerUnit = d.PointsPerUnit,
                PointsEarned = e.Points,
                LotExpiresOn = d.LotExpiresOn,
                Promotions = d.Promotions is { Count: > 0 } ? d.Promotions.ToArray() : [],
            },
        };
        s.Transactions[id] = record;
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
