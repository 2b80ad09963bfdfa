using System.Globalization;
using System.Text.Json;
using Loyalty.Domain.Imports;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Awards points, stamps, rewards and tier progress for a sale, and applies the promotions of
    /// <paramref name="promotions"/> that apply to it (none when null). A replay returns the original outcome,
    /// promotions included, without looking at the promotions again.
    /// </summary>
    /// <remarks>
    /// Points: <c>floor(qualifying spend × base rate × tier multiplier + Σ promotion extras)</c>, rounded down once.
    /// A multiplier <c>m</c> adds <c>base points of its matching lines × (m − 1)</c>, several multipliers add their
    /// extras (they do not compound), and bonus points add whole. Each applied promotion reports its share of the
    /// points (see <see cref="ShareRounding"/>); the shares add up to the points the promotions added.
    /// </remarks>
    public Result<PurchaseOutcome> ApplyPurchase(MemberState s, Purchase cmd, DateTimeOffset now, PromotionContext? promotions = null) =>
        ApplySale(s, cmd, now, promotions, null);

    /// <summary>
    /// A till's sale (<paramref name="import"/> null), or a historical sale brought in by an import: one of any age (the
    /// import checked it against <c>Loyalty:Import:MaxHistoryYears</c>), whose spend counts for the tier only when it falls
    /// in the qualifying window, with no promotions, no pending days, and points only when the import awards them.
    /// </summary>
    private Result<PurchaseOutcome> ApplySale(MemberState s, Purchase cmd, DateTimeOffset now, PromotionContext? promotions, SaleImport? import)
    {
        if (!s.Enrolled)
            return Result<PurchaseOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        var fingerprint = Fingerprint.Of(cmd);
        var firstEntry = s.Outbox.Count;
        if (Replay(s, cmd.TransactionId, fingerprint, StoredPurchaseOutcome, now) is { } replay)
            return replay.IsSuccess ? Result<PurchaseOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;

        var occurredAt = cmd.OccurredAt ?? now;
        if (import is null && occurredAt < now.AddDays(-_options.TransactionWindowDays))
            return Result<PurchaseOutcome>.Fail(RejectionCode.OutsideTransactionWindow,
                $"A purchase may be recorded at most {_options.TransactionWindowDays} days after it occurred.");
        if (occurredAt > now.AddMinutes(5))
            return Result<PurchaseOutcome>.Fail(RejectionCode.OutsideTransactionWindow, "A purchase cannot occur in the future.");

        decimal qualifying = 0, total = 0;
        foreach (var line in cmd.Lines)
        {
            var amount = line.Quantity * line.UnitPrice;
            total += amount;
            if (Qualifies(line))
                qualifying += amount;
        }

        // Tier first: an upgrade applies to the purchase that crosses the threshold (and admits it to promotions for that tier).
        var tierBefore = s.Tier;
        var countsForTier = import is null || Day(occurredAt) > Day(now).AddMonths(-_options.TierQualifyingMonths);
        var spendTier = TierForSpend(QualifyingSpend(s, now) + (countsForTier ? qualifying : 0));
        var tierChanged = TierRank(spendTier) > TierRank(s.Tier);
        var rewards = RewardsToIssue(s, cmd.Lines, promotions, occurredAt, tierChanged ? spendTier : s.Tier);
        if (rewards > _options.MaxRewardsPerSale)
            return Result<PurchaseOutcome>.Fail(RejectionCode.TooManyRewards, string.Create(CultureInfo.InvariantCulture,
                $"This sale would issue {rewards} rewards; a sale may issue at most {_options.MaxRewardsPerSale} ({ProgrammeOptions.SectionName}:{nameof(ProgrammeOptions.MaxRewardsPerSale)})."));
        if (tierChanged)
        {
            s.PreviousTier = s.Tier;
            s.PreviousTierReachedAt = s.TierReachedAt;
            s.Tier = spendTier;
            s.TierReachedAt = now;
        }

        var pointsPerUnit = _options.PointsPerCurrencyUnit * TierOf(s.Tier).Multiplier;
        var (earned, grants) = ApplyPromotions(s, promotions, cmd.Lines, occurredAt, pointsPerUnit, qualifying * pointsPerUnit);
        if (import is { AwardPoints: false })
            earned = 0;
        var lotExpiresOn = Day(occurredAt).AddMonths(_options.PointsExpiryMonths);
        var releasesOn = earned > 0 && import is null ? PendingUntil(occurredAt, now) : null;
        if (releasesOn is { } on)
            AddPending(s, new PendingLot { ReleasesOn = on, ExpiresOn = lotExpiresOn, Points = earned, TransactionId = cmd.TransactionId });
        else
            Credit(s, earned, lotExpiresOn);

        var spendDay = Day(occurredAt);
        s.DailySpend[spendDay] = s.DailySpend.GetValueOrDefault(spendDay) + qualifying;
        s.LifetimeSpend += qualifying;
        if (s.LastPurchaseAt is null || occurredAt > s.LastPurchaseAt)
            s.LastPurchaseAt = occurredAt;

        var stampsAdded = AddStamps(s, cmd.Lines);
        foreach (var grant in grants)
            if (grant is { CardId: { } cardId, Stamps: > 0 })
                stampsAdded[cardId] = stampsAdded.GetValueOrDefault(cardId) + grant.Stamps;
        var items = cmd.Lines.Sum(l => (long)l.Quantity);
        Append(s, LedgerKinds.Purchase, now, cmd.TransactionId, cmd.StoreId, releasesOn is null ? earned : 0, total,
            string.Create(CultureInfo.InvariantCulture, $"{(import is null ? "Purchase" : "Imported purchase")} of {items} item(s), {total:0.00} {_options.Currency}"),
            JsonSerializer.Serialize(new PurchaseDetails(occurredAt, qualifying, s.Tier, pointsPerUnit,
                cmd.Lines.Select(l => new PurchaseLineDetails(l.Sku, l.Category, l.Quantity, l.UnitPrice)).ToArray(),
                stampsAdded, CardsAfterRewards(s), lotExpiresOn, fingerprint, grants.Length == 0 ? null : grants,
                releasesOn is null ? null : earned, releasesOn, import?.ImportId), DetailsJson.Options));
        if (tierChanged)
            Append(s, LedgerKinds.TierChanged, now, cmd.TransactionId, cmd.StoreId, 0, null,
                $"Tier {tierBefore} → {s.Tier}", JsonSerializer.Serialize(new TierChangeDetails(tierBefore, s.Tier), DetailsJson.Options));
        var issued = IssueRewards(s, cmd.TransactionId, cmd.StoreId, now);

        var outcome = new PurchaseOutcome(cmd.TransactionId, false, earned, s.Balance, s.Tier, tierChanged,
            StampCards(s), issued.ToArray(), grants.Length == 0 ? [] : grants.Select(g => g.ToApplied()).ToArray());
        Remember(s, new TransactionRecord
        {
            TransactionId = cmd.TransactionId,
            Fingerprint = Fingerprint.Compact(fingerprint),
            At = now,
            ImportId = import?.ImportId,
            Purchase = grants.Length == 0 ? outcome : outcome with { PromotionsApplied = [] }, // kept once, in Sale.Promotions
            Sale = new PurchaseRecord
            {
                OccurredAt = occurredAt,
                Lines = CatalogueStrings.ShareLines(cmd.Lines),
                RefundedQuantities = new int[cmd.Lines.Count],
                PointsPerUnit = pointsPerUnit,
                PointsEarned = earned,
                LotExpiresOn = lotExpiresOn,
                RewardIds = issued.Select(r => r.RewardId).ToArray(),
                RewardCounts = issued.Select(r => r.Count).ToArray(),
                Promotions = grants,
            },
        });
        ByTill(s, firstEntry, cmd.TillId);
        return Result<PurchaseOutcome>.Ok(outcome);
    }

    /// <summary>
    /// A remembered sale's outcome as it was answered. What each promotion gave is remembered once, in the sale's
    /// grants, and not again in the outcome: with many promotions applied it was most of a member's stored state.
    /// </summary>
    private static PurchaseOutcome? StoredPurchaseOutcome(TransactionRecord record) =>
        record is { Purchase: { } outcome, Sale.Promotions.Count: > 0 } && outcome.PromotionsApplied.Count == 0
            ? outcome with { PromotionsApplied = record.Sale.Promotions.Select(g => g.ToApplied()).ToArray() }
            : record.Purchase;

    /// <summary>Adds earned points: what is owed is repaid first, the rest goes to the lot of its expiry day.</summary>
    internal static void Credit(MemberState s, long points, DateOnly expiresOn)
    {
        if (points <= 0)
            return;
        var repay = Math.Min(s.Debt, points);
        s.Debt -= repay;
        points -= repay;
        if (points == 0)
            return;
        var i = 0;
        while (i < s.Lots.Count && s.Lots[i].ExpiresOn < expiresOn)
            i++;
        if (i < s.Lots.Count && s.Lots[i].ExpiresOn == expiresOn)
            s.Lots[i].Points += points;
        else
            s.Lots.Insert(i, new PointLot { ExpiresOn = expiresOn, Points = points });
    }

    private Dictionary<string, int> AddStamps(MemberState s, IReadOnlyList<PurchaseLine> lines)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var card in _options.StampCards)
        {
            var units = StampUnits(card, lines, null);
            if (units == 0)
                continue;
            s.Stamps[card.CardId] = s.Stamps.GetValueOrDefault(card.CardId) + units;
            added[card.CardId] = units;
        }
        return added;
    }

    internal static int StampUnits(StampCardRule card, IReadOnlyList<PurchaseLine> lines, int[]? quantities)
    {
        var units = 0;
        for (var i = 0; i < lines.Count; i++)
            if (string.Equals(lines[i].Category, card.Category, StringComparison.OrdinalIgnoreCase))
                units += quantities?[i] ?? lines[i].Quantity;
        return units;
    }

    /// <summary>What each card will show once its full cards have become rewards.</summary>
    private Dictionary<string, int> CardsAfterRewards(MemberState s) =>
        _options.StampCards.ToDictionary(c => c.CardId, c =>
        {
            var stamps = s.Stamps.GetValueOrDefault(c.CardId);
            return stamps >= 0 ? stamps % c.StampsRequired : stamps;
        }, StringComparer.Ordinal);

    /// <summary>
    /// Turns full stamp cards into rewards, surplus stamps carrying over to the next card: one group per card, with one
    /// <c>reward-issued</c> entry however many rewards it holds.
    /// </summary>
    /// <remarks>A group's number is the sequence of the reward-issued entry that opened it, which names the sale.</remarks>
    private List<RewardView> IssueRewards(MemberState s, string transactionId, string? storeId, DateTimeOffset now)
    {
        var issued = new List<RewardView>();
        foreach (var card in _options.StampCards)
        {
            var count = s.Stamps.GetValueOrDefault(card.CardId) / card.StampsRequired;
            if (count <= 0)
                continue;
            s.Stamps[card.CardId] -= count * card.StampsRequired;
            var group = AddRewards(s, card.CardId, s.LastSequence + 1, now.AddDays(_options.RewardExpiryDays).ToUniversalTime(), count);
            var view = ViewOf(group);
            issued.Add(view);
            Append(s, LedgerKinds.RewardIssued, now, transactionId, storeId, 0, null,
                $"{Counted(view)} issued ({card.CardId} card)", RewardDetailsJson(view));
        }
        return issued;
    }

    /// <summary>
    /// How many rewards a sale would issue: per card, its full cards once the lines' stamps and the bonus stamps of the
    /// promotions that would apply (to a member in <paramref name="tier"/>) are added. Changes nothing.
    /// </summary>
    private long RewardsToIssue(MemberState s, IReadOnlyList<PurchaseLine> lines, PromotionContext? promotions, DateTimeOffset occurredAt,
        string tier)
    {
        long rewards = 0;
        foreach (var card in _options.StampCards)
        {
            long stamps = s.Stamps.GetValueOrDefault(card.CardId) + (long)StampUnits(card, lines, null)
                + BonusStamps(s, promotions, card.CardId, lines, occurredAt, tier);
            if (stamps > 0)
                rewards += stamps / card.StampsRequired;
        }
        return rewards;
    }
}
