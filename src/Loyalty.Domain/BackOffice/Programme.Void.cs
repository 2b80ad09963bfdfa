using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Undoes a redemption of the transaction window, once. Points go back into the lots they were taken from, with
    /// their expiry; those of a lot that has expired since are not put back (they would have expired unused). A
    /// redemption recalled from an entry written before lots were recorded puts its points into a lot that expires
    /// like a purchase's made today. A reward goes back to its group, which opens again if it had closed; a reward
    /// past its expiry cannot be given back, and the void is refused.
    /// </summary>
    public Result<VoidOutcome> ApplyVoid(MemberState s, RedemptionVoid cmd, DateTimeOffset now)
    {
        if (!s.Enrolled)
            return Result<VoidOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        var fingerprint = Fingerprint.Of(cmd);
        var firstEntry = s.Outbox.Count;
        if (Replay(s, cmd.TransactionId, fingerprint, r => r.Void, now) is { } replay)
            return replay.IsSuccess ? Result<VoidOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;

        if (Remembered(s, cmd.OriginalTransactionId, now) is not { } original)
            return Result<VoidOutcome>.Fail(RejectionCode.UnknownOriginalTransaction,
                $"No redemption '{cmd.OriginalTransactionId}' within the last {_options.TransactionWindowDays} days.");
        if (original.Redemption is not { } redemption)
            return Result<VoidOutcome>.Fail(RejectionCode.NotARedemption,
                $"Transaction '{cmd.OriginalTransactionId}' is not a redemption; only a redemption can be voided.");
        if (original.VoidedBy is { } voidedBy)
            return Result<VoidOutcome>.Fail(RejectionCode.AlreadyVoided,
                $"Redemption '{cmd.OriginalTransactionId}' was already voided by transaction '{voidedBy}'.");

        long restored = 0;
        List<PointsTaken>? lots = null;
        RewardView? reward = null;
        if (redemption.RewardRedeemed is { } used)
        {
            if (used.ExpiresAt <= now)
                return Result<VoidOutcome>.Fail(RejectionCode.RewardUnavailable,
                    $"Reward '{used.RewardId}' has expired; redemption '{cmd.OriginalTransactionId}' cannot be voided.");
            reward = GiveRewardBack(s, used);
        }
        else
        {
            lots = [];
            var today = Day(now);
            foreach (var lot in original.Taken ?? [new PointsTaken(today.AddMonths(_options.PointsExpiryMonths), redemption.PointsRedeemed)])
                if (lot.ExpiresOn >= today)
                {
                    Credit(s, lot.Points, lot.ExpiresOn);
                    restored += lot.Points;
                    lots.Add(lot);
                }
        }
        original.VoidedBy = cmd.TransactionId;
        Append(s, LedgerKinds.RedemptionVoided, now, cmd.TransactionId, null, restored, null,
            reward is null ? $"Redemption {cmd.OriginalTransactionId} voided: {restored} points back" : $"Redemption {cmd.OriginalTransactionId} voided: {reward.Description} back",
            JsonSerializer.Serialize(new VoidDetails(cmd.OriginalTransactionId, fingerprint, lots, reward?.RewardId, reward?.Kind,
                reward?.Description, reward?.ExpiresAt, cmd.By), DetailsJson.Options));
        var outcome = new VoidOutcome(cmd.TransactionId, false, cmd.OriginalTransactionId, restored, reward, s.Balance);
        Remember(s, new TransactionRecord { TransactionId = cmd.TransactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now, Void = outcome });
        ByTill(s, firstEntry, cmd.TillId);
        return Result<VoidOutcome>.Ok(outcome);
    }

    /// <summary>Gives a used reward back to its group (one more in it, or the group open again) and returns it as one reward.</summary>
    private RewardView GiveRewardBack(MemberState s, RewardView used)
    {
        OpenReward.TryParseId(used.RewardId, out var cardId, out var number);
        var expiresAt = FindOpenReward(s, used.RewardId)?.ExpiresAt ?? used.ExpiresAt;
        var day = Day(expiresAt);
        var batch = s.RewardBatches.Find(b => b.ExpiresOn == day && string.Equals(b.CardId, cardId, StringComparison.Ordinal));
        if (batch is null)
        {
            batch = new RewardBatch { CardId = cardId, ExpiresOn = day };
            var later = s.RewardBatches.FindIndex(b => b.ExpiresOn > day);
            s.RewardBatches.Insert(later < 0 ? s.RewardBatches.Count : later, batch);
        }
        batch.GiveBack(number, expiresAt);
        foreach (var closed in s.ClosedRewards)
            if (string.Equals(closed.CardId, cardId, StringComparison.Ordinal))
                closed.Numbers.Remove(number);
        s.ClosedRewards.RemoveAll(c => c.Numbers.Count == 0);
        return ViewOf(new OpenReward(cardId, number, expiresAt));
    }
}
