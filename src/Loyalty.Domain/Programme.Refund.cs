using System.Globalization;
using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Returns lines of an earlier sale: claws back the points and stamps they earned (from the sale's pending points
    /// first, then from the balance, which may go negative if the points are spent), revokes unused rewards their
    /// stamps completed, and takes their spend out of the tier window.
    /// Promotions: the sale keeps what it would have earned with the lines kept. A multiplier keeps its extra on the
    /// matching spend kept; a promotion whose effect no longer holds (no matching line kept, or their spend below its
    /// minimum spend) lapses: its points and bonus stamps are taken back whole and its use is given back.
    /// Budgets are not refilled by refunds.
    /// </summary>
    /// <remarks>
    /// A sale older than the transaction window is no longer in the state: its record, read back from the ledger
    /// (<see cref="OlderSaleToRecall"/>, <see cref="RecallOlderSale"/>), comes in <paramref name="olderSale"/>. Either
    /// way the sale must have occurred within <see cref="ProgrammeOptions.RefundWindowDays"/>.
    /// </remarks>
    public Result<RefundOutcome> ApplyRefund(MemberState s, Refund cmd, DateTimeOffset now, TransactionRecord? olderSale = null)
    {
        if (!s.Enrolled)
            return Result<RefundOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        var fingerprint = Fingerprint.Of(cmd);
        var firstEntry = s.Outbox.Count;
        if (Replay(s, cmd.TransactionId, fingerprint, r => r.Refund, now) is { } replay)
            return replay.IsSuccess ? Result<RefundOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;

        var original = Remembered(s, cmd.OriginalTransactionId, now)
            ?? (olderSale?.TransactionId == cmd.OriginalTransactionId ? olderSale : null);
        if (original is not { Sale: { } sale })
            return Result<RefundOutcome>.Fail(RejectionCode.UnknownOriginalTransaction,
                $"No purchase '{cmd.OriginalTransactionId}' within the last {_options.RefundWindowDays} days.");
        if (RefundWindowClosed(original, now) is { } closed)
            return Result<RefundOutcome>.Fail(closed.Code, closed.Detail);

        // Allocate the returned quantities to the sale's lines, in line order.
        var returned = new int[sale.Lines.Count];
        foreach (var group in cmd.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal))
        {
            var wanted = group.Sum(l => (long)l.Quantity);
            long available = 0;
            var found = false;
            for (var i = 0; i < sale.Lines.Count; i++)
                if (sale.Lines[i].Sku == group.Key)
                {
                    found = true;
                    available += sale.Lines[i].Quantity - sale.RefundedQuantities[i];
                }
            if (!found)
                return Result<RefundOutcome>.Fail(RejectionCode.LineNotRefundable,
                    $"'{group.Key}' is not in purchase '{cmd.OriginalTransactionId}'.");
            if (wanted > available)
                return Result<RefundOutcome>.Fail(RejectionCode.LineNotRefundable,
                    $"Only {available} of '{group.Key}' in purchase '{cmd.OriginalTransactionId}' can still be refunded.");
            for (var i = 0; i < sale.Lines.Count && wanted > 0; i++)
            {
                if (sale.Lines[i].Sku != group.Key)
                    continue;
                var take = (int)Math.Min(wanted, sale.Lines[i].Quantity - sale.RefundedQuantities[i]);
                returned[i] += take;
                wanted -= take;
            }
        }

        decimal refundedQualifying = 0, refundedTotal = 0, remainingQualifying = 0;
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var line = sale.Lines[i];
            var back = returned[i] * line.UnitPrice;
            var kept = (line.Quantity - sale.RefundedQuantities[i] - returned[i]) * line.UnitPrice;
            refundedTotal += back;
            if (Qualifies(line))
            {
                refundedQualifying += back;
                remainingQualifying += kept;
            }
        }

        // What the sale would have earned without the returned lines, promotions included, rounded once like the sale itself.
        var refundedAfter = new int[returned.Length];
        for (var i = 0; i < returned.Length; i++)
            refundedAfter[i] = sale.RefundedQuantities[i] + returned[i];
        var (keep, lapsed) = KeptAfterRefund(sale, remainingQualifying, sale.RefundedQuantities, refundedAfter);
        var reverse = Math.Max(0, sale.PointsEarned - sale.PointsReversed - keep);
        // Points still pending are cancelled first: the balance only gives what the pending points do not cover.
        var cancelled = CancelPending(s, original.TransactionId, reverse);
        Debit(s, reverse - cancelled, sale.LotExpiresOn);
        sale.PointsReversed += reverse;
        sale.RefundedQuantities = refundedAfter;

        var day = Day(sale.OccurredAt);
        if (s.DailySpend.TryGetValue(day, out var daySpend))
            s.DailySpend[day] = Math.Max(0, daySpend - refundedQualifying);
        s.LifetimeSpend = Math.Max(0, s.LifetimeSpend - refundedQualifying);

        var stampsBack = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var card in _options.StampCards)
        {
            var units = StampUnits(card, sale.Lines, returned);
            if (units > 0)
            {
                s.Stamps[card.CardId] = s.Stamps.GetValueOrDefault(card.CardId) - units;
                stampsBack[card.CardId] = units;
            }
        }
        // A promotion that no longer applies takes its bonus stamps back and gives its use back.
        foreach (var grant in lapsed)
        {
            if (grant is { CardId: { } cardId, Stamps: > 0 })
            {
                s.Stamps[cardId] = s.Stamps.GetValueOrDefault(cardId) - grant.Stamps;
                stampsBack[cardId] = stampsBack.GetValueOrDefault(cardId) + grant.Stamps;
            }
            ReturnUse(s, grant.PromotionId);
        }

        Append(s, LedgerKinds.Refund, now, cmd.TransactionId, cmd.StoreId, -(reverse - cancelled), -refundedTotal,
            string.Create(CultureInfo.InvariantCulture, $"Refund of {returned.Sum()} item(s) from {cmd.OriginalTransactionId}, {refundedTotal:0.00} {_options.Currency}"),
            JsonSerializer.Serialize(new RefundDetails(cmd.OriginalTransactionId, cmd.Lines, refundedQualifying, stampsBack, returned, fingerprint,
                lapsed.Count == 0 ? null : lapsed.Select(g => g.PromotionId).ToArray(), cancelled == 0 ? null : cancelled),
                DetailsJson.Options));
        RevokeRewards(s, sale, cmd, now);
        WithdrawTier(s, original, cmd, now);

        var outcome = new RefundOutcome(cmd.TransactionId, false, reverse, stampsBack.Values.Sum(), s.Balance);
        Remember(s, new TransactionRecord { TransactionId = cmd.TransactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now, Refund = outcome });
        ByTill(s, firstEntry, cmd.TillId);
        return Result<RefundOutcome>.Ok(outcome);
    }

    /// <summary>
    /// A card left below zero takes back unused rewards that the refunded sale added to its groups, as many as cover
    /// what the card owes; what remains is owed. One <c>reward-revoked</c> entry per group, with its count.
    /// </summary>
    private void RevokeRewards(MemberState s, PurchaseRecord sale, Refund cmd, DateTimeOffset now)
    {
        foreach (var card in _options.StampCards)
        {
            for (var i = 0; i < sale.RewardIds.Count; i++)
            {
                var owed = -(long)s.Stamps.GetValueOrDefault(card.CardId);
                if (owed <= 0)
                    break;
                // Only an open reward of this card can be taken back: a used or expired one leaves the stamps owed.
                if (FindOpenReward(s, sale.RewardIds[i]) is not { } group || group.CardId != card.CardId || group.ExpiresAt <= now)
                    continue;
                var ofSale = i < sale.RewardCounts.Length ? sale.RewardCounts[i] : 1;
                var count = (int)Math.Min(Math.Min(ofSale, group.Count), (owed + card.StampsRequired - 1) / card.StampsRequired);
                if (count <= 0)
                    continue;
                CloseReward(s, group, RewardStatus.Revoked, Day(now), count);
                if (i < sale.RewardCounts.Length)
                    sale.RewardCounts[i] -= count;
                s.Stamps[card.CardId] += count * card.StampsRequired;
                var view = ViewOf(group with { Count = count });
                Append(s, LedgerKinds.RewardRevoked, now, cmd.TransactionId, cmd.StoreId, 0, null,
                    $"{Counted(view)} revoked by refund", RewardDetailsJson(view));
            }
        }
    }

    /// <summary>
    /// A tier reached with this sale or after it is withdrawn when the refund leaves the rolling spend below it;
    /// the member falls back to what the spend gives, or to the tier they held before if its hold still runs.
    /// </summary>
    private void WithdrawTier(MemberState s, TransactionRecord original, Refund cmd, DateTimeOffset now)
    {
        if (s.TierReachedAt is not { } reachedAt || reachedAt < original.At)
            return;
        var spendTier = TierForSpend(QualifyingSpend(s, now));
        if (TierRank(spendTier) >= TierRank(s.Tier))
            return;
        var fallback = spendTier;
        var fallbackReachedAt = s.TierReachedAt;
        // The previous tier counts only if it was reached before this sale (not with it) and lies below the tier withdrawn.
        if (s.PreviousTier is { } previous && s.PreviousTierReachedAt is { } previousAt
            && previousAt < original.At && TierRank(previous) < TierRank(s.Tier)
            && now < previousAt.AddMonths(_options.TierHoldMonths) && TierRank(previous) > TierRank(fallback))
        {
            fallback = previous;
            fallbackReachedAt = previousAt;
        }
        var from = s.Tier;
        s.Tier = fallback;
        s.TierReachedAt = fallbackReachedAt;
        Append(s, LedgerKinds.TierChanged, now, cmd.TransactionId, cmd.StoreId, 0, null, $"Tier {from} → {fallback} (refund)",
            JsonSerializer.Serialize(new TierChangeDetails(from, fallback), DetailsJson.Options));
    }
}
