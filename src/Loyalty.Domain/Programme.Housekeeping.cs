using System.Globalization;
using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Brings the state up to <paramref name="now"/>: releases pending points whose day has come, expires point lots and rewards (with ledger entries), lets a tier
    /// whose hold has ended follow the rolling spend, and forgets spend days, transactions and promotion uses past their windows.
    /// Returns true when anything changed that must be stored.
    /// </summary>
    public bool Advance(MemberState s, DateTimeOffset now)
    {
        if (!s.Enrolled || s.MergeOut is not null) // a member merging away keeps what it handed over as it was
            return false;
        var changed = false;
        var today = Day(now);

        // Released first: points released after their own expiry day (a long PendingDays) then expire at once.
        changed |= ReleasePending(s, now);
        while (s.Lots.Count > 0 && s.Lots[0].ExpiresOn < today)
        {
            var lot = s.Lots[0];
            s.Lots.RemoveAt(0);
            Append(s, LedgerKinds.PointsExpired, now, null, null, -lot.Points, null,
                string.Create(CultureInfo.InvariantCulture, $"{lot.Points} points expired (usable until {lot.ExpiresOn:yyyy-MM-dd})"),
                JsonSerializer.Serialize(new ExpiryDetails(lot.ExpiresOn), DetailsJson.Options));
            changed = true;
        }

        // Like expired points, an expired reward belongs to no till transaction: its reward-issued entry, whose sequence
        // is the group's number, names the sale that opened the group. A group expires whole, in one entry.
        foreach (var reward in ExpireRewards(s, now))
        {
            var view = ViewOf(reward);
            Append(s, LedgerKinds.RewardExpired, now, null, null, 0, null, $"{Counted(view)} expired", RewardDetailsJson(view));
            changed = true;
        }
        changed |= ForgetClosedRewards(s, Day(now.AddDays(-_options.TransactionWindowDays)));
        changed |= ForgetPromotionUses(s, now);

        var held = s.TierReachedAt is { } reachedAt && now < reachedAt.AddMonths(_options.TierHoldMonths);
        var spendTier = TierForSpend(QualifyingSpend(s, now));
        if (!held && spendTier != s.Tier && TierRank(spendTier) < TierRank(s.Tier))
        {
            var from = s.Tier;
            s.Tier = spendTier;
            Append(s, LedgerKinds.TierChanged, now, null, null, 0, null, $"Tier {from} → {spendTier} ({_options.TierQualifyingMonths}-month spend)",
                JsonSerializer.Serialize(new TierChangeDetails(from, spendTier), DetailsJson.Options));
            changed = true;
        }

        var firstSpendDay = today.AddMonths(-_options.TierQualifyingMonths);
        changed |= s.DailySpend.RemoveThrough(firstSpendDay);

        if (s.NextTransactionPruneAt is { } pruneAt && now >= pruneAt)
        {
            PruneTransactions(s, now);
            changed = true;
        }
        s.TransactionIds.Prune(WindowStart(now)); // not stored: no change to store
        return changed;
    }

    /// <summary>
    /// Lets go of the full records older than the window and, beyond the count bound, of the oldest tenth of the bound at
    /// once, so that a member at the bound does not sort their transactions on every sale. The ids stay in
    /// <see cref="MemberState.TransactionIds"/> for the window, and the records are read back from the ledger when asked for.
    /// </summary>
    private void PruneTransactions(MemberState s, DateTimeOffset now)
    {
        var cutoff = now.AddDays(-_options.TransactionWindowDays);
        var ordered = s.Transactions.Values.OrderBy(r => r.At).ToList();
        var max = _options.MaxRememberedTransactions;
        var excess = ordered.Count > max ? ordered.Count - (max - max / 10) : 0;
        var keptFrom = 0;
        for (; keptFrom < ordered.Count && (ordered[keptFrom].At < cutoff || keptFrom < excess); keptFrom++)
        {
            var record = ordered[keptFrom];
            s.Transactions.Remove(record.TransactionId);
            if (record.At >= cutoff)
                s.TransactionIds.Add(record.TransactionId, record.At);
        }
        s.NextTransactionPruneAt = keptFrom < ordered.Count
            ? ordered[keptFrom].At.AddDays(_options.TransactionWindowDays)
            : null;
    }
}
