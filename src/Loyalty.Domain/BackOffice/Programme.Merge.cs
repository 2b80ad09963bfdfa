using System.Globalization;
using System.Text.Json;
using Loyalty.Domain.Identity;

namespace Loyalty.Domain;

/// <summary>
/// Merges of two members' accounts, as steps that each side applies to its own state, every one idempotent on the
/// merge's transaction id: the source freezes and hands over a snapshot (<see cref="FreezeForMerge"/>), the target takes
/// it in once (<see cref="ApplyMerge"/>), the source empties itself and remembers where it went (<see cref="CompleteMergeOut"/>).
/// </summary>
public sealed partial class Programme
{
    /// <summary>
    /// The refusals of a merge sent to <paramref name="targetId"/> that the target can tell alone, or its original
    /// outcome when it was applied already; null when the merge may go on.
    /// </summary>
    public Result<MergeOutcome>? CheckMerge(MemberState s, string targetId, MemberMerge cmd, DateTimeOffset now)
    {
        if (string.Equals(cmd.SourceMemberId, targetId, StringComparison.Ordinal))
            return Result<MergeOutcome>.Fail(RejectionCode.MergeIntoSelf, $"Member '{targetId}' cannot be merged into itself.");
        if (!s.Enrolled)
            return Result<MergeOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        if (Replay(s, cmd.TransactionId, Fingerprint.Of(cmd), r => r.Merge, now) is { } replay)
            return replay.IsSuccess ? Result<MergeOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;
        if (s.MergeOut is { } away)
            return Result<MergeOutcome>.Fail(RejectionCode.MemberMergedAway,
                $"Member '{targetId}' was merged into member '{away.TargetMemberId}'; merge into that member instead.");
        return null;
    }

    /// <summary>
    /// Step 1, on the source: freezes the member as merging into <paramref name="targetId"/> and takes what it hands over.
    /// The same merge asked again gets the same snapshot; another merge is refused. From now on the member's state does
    /// not change (<see cref="Advance"/> leaves it as it is) until <see cref="CompleteMergeOut"/> empties it.
    /// </summary>
    public Result<MergeSnapshot> FreezeForMerge(MemberState s, string sourceId, string targetId, MemberMerge cmd,
        IReadOnlyList<MemberIdentifier> identifiers, DateTimeOffset now)
    {
        if (s.MergeOut is { } frozen)
            return string.Equals(frozen.TransactionId, cmd.TransactionId, StringComparison.Ordinal)
                && string.Equals(frozen.TargetMemberId, targetId, StringComparison.Ordinal)
                ? Result<MergeSnapshot>.Ok(frozen)
                : Result<MergeSnapshot>.Fail(RejectionCode.SourceAlreadyMerged,
                    $"Member '{sourceId}' was merged into member '{frozen.TargetMemberId}' by transaction '{frozen.TransactionId}'.");
        if (!s.Enrolled)
            return Result<MergeSnapshot>.Fail(RejectionCode.MergeSourceNotEnrolled, $"Member '{sourceId}' (the merge's source) is not enrolled.");
        var snapshot = new MergeSnapshot(cmd.TransactionId, sourceId, targetId, now,
            s.Lots.Select(l => new MergedLot(l.ExpiresOn, l.Points)).ToArray(),
            s.Debt,
            s.Stamps.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            OpenRewards(s).Select(ViewOf).ToArray(),
            new Dictionary<DateOnly, decimal>(s.DailySpend),
            s.LifetimeSpend,
            s.LastPurchaseAt,
            new Dictionary<string, DateTimeOffset>(s.Clubs, StringComparer.Ordinal),
            s.PromotionUses.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal),
            s.Tier,
            s.TierReachedAt,
            identifiers.ToArray(),
            s.PendingLots.Select(l => new MergedPendingLot(l.ReleasesOn, l.ExpiresOn, l.Points)).ToArray(),
            cmd.By);
        s.MergeOut = snapshot;
        return Result<MergeSnapshot>.Ok(snapshot);
    }

    /// <summary>
    /// Step 2, on the target: takes in a source's snapshot, once (a replay answers the original outcome). Point lots keep
    /// their expiry and join the target's lots of the same day; what the source owed is owed by the target (and repaid
    /// first, like any debt); stamps add up, and full cards become rewards; open rewards are reissued as groups of the
    /// target with their expiry; spend per day, lifetime spend, last purchase, clubs and promotion uses combine. The tier
    /// is the better of the target's, the source's while its hold lasts, and the one the combined rolling spend reaches.
    /// </summary>
    public Result<MergeOutcome> ApplyMerge(MemberState s, string targetId, MergeSnapshot snapshot, DateTimeOffset now)
    {
        var cmd = new MemberMerge(snapshot.TransactionId, snapshot.SourceMemberId);
        if (CheckMerge(s, targetId, cmd, now) is { } answer)
            return answer;
        if (!string.Equals(snapshot.TargetMemberId, targetId, StringComparison.Ordinal))
            throw new ArgumentException($"The snapshot is for member '{snapshot.TargetMemberId}', not '{targetId}'.", nameof(snapshot));

        s.Debt += snapshot.Debt;
        foreach (var lot in snapshot.Lots)
            Credit(s, lot.Points, lot.ExpiresOn);
        // Pending points wait for their own day on the target; named by the merge, so a refund of a target's sale that
        // happens to share the source sale's transaction id never cancels them.
        foreach (var lot in snapshot.PendingLots)
            AddPending(s, new PendingLot { ReleasesOn = lot.ReleasesOn, ExpiresOn = lot.ExpiresOn, Points = lot.Points, TransactionId = cmd.TransactionId });
        foreach (var (cardId, stamps) in snapshot.Stamps)
            s.Stamps[cardId] = s.Stamps.GetValueOrDefault(cardId) + stamps;
        foreach (var (day, spend) in snapshot.DailySpend)
            s.DailySpend[day] = s.DailySpend.GetValueOrDefault(day) + spend;
        s.LifetimeSpend += snapshot.LifetimeSpend;
        if (snapshot.LastPurchaseAt is { } last && (s.LastPurchaseAt is null || last > s.LastPurchaseAt))
            s.LastPurchaseAt = last;
        foreach (var (clubId, joinedAt) in snapshot.Clubs)
            if (!s.Clubs.TryGetValue(clubId, out var since) || joinedAt < since)
                s.Clubs[clubId] = joinedAt;
        foreach (var (promotionId, count) in snapshot.PromotionUses)
            if (s.PromotionUses.TryGetValue(promotionId, out var use))
                use.Count += count;
            else
                s.PromotionUses[promotionId] = new PromotionUse { Count = count, KeepUntil = now.AddDays(_options.TransactionWindowDays) };
        var tierBefore = s.Tier;
        TakeTier(s, snapshot, now);

        var fingerprint = Fingerprint.Of(cmd);
        Append(s, LedgerKinds.MergedIn, now, cmd.TransactionId, null, snapshot.Balance, null,
            string.Create(CultureInfo.InvariantCulture, $"Merged in member {snapshot.SourceMemberId}: {snapshot.Balance} points"),
            JsonSerializer.Serialize(new MergeInDetails(targetId, snapshot.SourceMemberId, fingerprint, s.Tier, snapshot.Lots, snapshot.Debt,
                snapshot.Stamps, snapshot.Rewards, snapshot.LifetimeSpend, snapshot.Clubs.Keys.ToArray(), PendingOf(snapshot), snapshot.By), DetailsJson.Options));
        if (s.Tier != tierBefore)
            Append(s, LedgerKinds.TierChanged, now, cmd.TransactionId, null, 0, null, $"Tier {tierBefore} → {s.Tier} (merge)",
                JsonSerializer.Serialize(new TierChangeDetails(tierBefore, s.Tier), DetailsJson.Options));
        foreach (var reward in snapshot.Rewards)
        {
            if (!OpenReward.TryParseId(reward.RewardId, out var cardId, out _))
                continue;
            var view = ViewOf(AddRewards(s, cardId, s.LastSequence + 1, reward.ExpiresAt, reward.Count));
            Append(s, LedgerKinds.RewardIssued, now, cmd.TransactionId, null, 0, null,
                $"{Counted(view)} moved in from member {snapshot.SourceMemberId}", RewardDetailsJson(view));
        }
        IssueRewards(s, cmd.TransactionId, null, now);

        var outcome = new MergeOutcome(cmd.TransactionId, false, targetId, snapshot.SourceMemberId, snapshot.Balance, s.Balance, s.Tier);
        Remember(s, new TransactionRecord { TransactionId = cmd.TransactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now, Merge = outcome });
        return Result<MergeOutcome>.Ok(outcome);
    }

    /// <summary>
    /// Step 3, on the source, once the target took the snapshot in: empties the member and remembers for good where it
    /// went. Done again, it answers the same and changes nothing.
    /// </summary>
    public Result<MergeSnapshot> CompleteMergeOut(MemberState s, string transactionId, DateTimeOffset now)
    {
        if (s.MergeOut is not { } snapshot || !string.Equals(snapshot.TransactionId, transactionId, StringComparison.Ordinal))
            return Result<MergeSnapshot>.Fail(RejectionCode.SourceAlreadyMerged, $"The member is not merging by transaction '{transactionId}'.");
        if (s.MergedInto is not null)
            return Result<MergeSnapshot>.Ok(snapshot);

        s.Lots.Clear();
        s.PendingLots.Clear();
        s.Debt = 0;
        foreach (var cardId in s.Stamps.Keys.ToArray())
            s.Stamps[cardId] = 0;
        s.RewardBatches.Clear();
        s.DailySpend.Clear();
        s.LifetimeSpend = 0;
        s.LastPurchaseAt = null;
        s.Clubs.Clear();
        s.PromotionUses.Clear();
        (s.Tier, s.TierReachedAt, s.PreviousTier, s.PreviousTierReachedAt) = (LowestTier, null, null, null);
        s.MergedInto = snapshot.TargetMemberId;

        var fingerprint = Fingerprint.Of(new MemberMerge(transactionId, snapshot.SourceMemberId));
        Append(s, LedgerKinds.MergedOut, now, transactionId, null, -snapshot.Balance, null,
            string.Create(CultureInfo.InvariantCulture, $"Merged into member {snapshot.TargetMemberId}: {snapshot.Balance} points moved"),
            JsonSerializer.Serialize(new MergeOutDetails(snapshot.TargetMemberId, snapshot.SourceMemberId, fingerprint, snapshot.Lots, snapshot.Debt,
                snapshot.Stamps, snapshot.Rewards, snapshot.LifetimeSpend, snapshot.Clubs.Keys.ToArray(), PendingOf(snapshot), snapshot.By), DetailsJson.Options));
        Remember(s, new TransactionRecord
        {
            TransactionId = transactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now,
            Merge = new MergeOutcome(transactionId, false, snapshot.TargetMemberId, snapshot.SourceMemberId, snapshot.Balance, 0, s.Tier),
        });
        return Result<MergeSnapshot>.Ok(snapshot);
    }

    /// <summary>
    /// Undoes step 1 when the target refused the snapshot (it was merged away meanwhile): the source is itself again.
    /// True when it was frozen by this merge and is no more; a source already emptied stays merged.
    /// </summary>
    public static bool CancelMerge(MemberState s, string transactionId)
    {
        if (s.MergeOut is not { } snapshot || s.MergedInto is not null
            || !string.Equals(snapshot.TransactionId, transactionId, StringComparison.Ordinal))
            return false;
        s.MergeOut = null;
        return true;
    }

    /// <summary>The pending lots a merge moves, for its ledger entries; null (left out of the JSON) when there are none.</summary>
    private static IReadOnlyList<MergedPendingLot>? PendingOf(MergeSnapshot snapshot) => snapshot.PendingLots.Count > 0 ? snapshot.PendingLots : null;

    /// <summary>The source's tier while its hold lasts, when better; then the tier the combined rolling spend reaches, when better still.</summary>
    private void TakeTier(MemberState s, MergeSnapshot snapshot, DateTimeOffset now)
    {
        if (TierRank(snapshot.Tier) > TierRank(s.Tier) && snapshot.TierReachedAt is { } reachedAt && now < reachedAt.AddMonths(_options.TierHoldMonths))
            Promote(s, snapshot.Tier, reachedAt);
        var spendTier = TierForSpend(QualifyingSpend(s, now));
        if (TierRank(spendTier) > TierRank(s.Tier))
            Promote(s, spendTier, now);

        static void Promote(MemberState s, string tier, DateTimeOffset reachedAt)
        {
            (s.PreviousTier, s.PreviousTierReachedAt) = (s.Tier, s.TierReachedAt);
            (s.Tier, s.TierReachedAt) = (tier, reachedAt);
        }
    }
}
