using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>Spends whole points (oldest first) or one issued reward (one of the group its id names). A balance never goes below zero here.</summary>
    public Result<RedemptionOutcome> ApplyRedemption(MemberState s, Redemption cmd, DateTimeOffset now)
    {
        if (!s.Enrolled)
            return Result<RedemptionOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        if ((cmd.Points is null) == (cmd.RewardId is null) || cmd.Points is <= 0)
            throw new ArgumentException("A redemption names either a positive number of points or a reward.", nameof(cmd));
        var fingerprint = Fingerprint.Of(cmd);
        var firstEntry = s.Outbox.Count;
        if (Replay(s, cmd.TransactionId, fingerprint, r => r.Redemption, now) is { } replay)
            return replay.IsSuccess ? Result<RedemptionOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;

        RedemptionOutcome outcome;
        List<PointsTaken>? taken = null;
        if (cmd.Points is { } points)
        {
            var balance = s.Balance;
            if (points > balance)
                return Result<RedemptionOutcome>.Fail(RejectionCode.InsufficientPoints,
                    $"The balance is {balance} points; {points} cannot be redeemed.");
            taken = [];
            Debit(s, points, null, taken);
            Append(s, LedgerKinds.Redemption, now, cmd.TransactionId, cmd.StoreId, -points, null,
                $"Redeemed {points} points", JsonSerializer.Serialize(new RedemptionDetails(fingerprint, Lots: taken), DetailsJson.Options));
            outcome = new RedemptionOutcome(cmd.TransactionId, false, points, null, s.Balance);
        }
        else
        {
            var reward = FindOpenReward(s, cmd.RewardId!);
            var problem = reward switch
            {
                null => RewardStatusOf(s, cmd.RewardId!) switch
                {
                    RewardStatus.Redeemed => "was already used",
                    RewardStatus.Revoked => "was revoked by a refund",
                    RewardStatus.Expired => "has expired",
                    RewardStatus.Closed => "was used, has expired or was revoked",
                    _ => "is unknown",
                },
                { ExpiresAt: var expiresAt } when expiresAt <= now => "has expired",
                _ => null,
            };
            if (problem is not null)
                return Result<RedemptionOutcome>.Fail(RejectionCode.RewardUnavailable, $"Reward '{cmd.RewardId}' {problem}.");
            CloseReward(s, reward!.Value, RewardStatus.Redeemed, Day(now));
            var view = ViewOf(reward.Value with { Count = 1 });
            Append(s, LedgerKinds.RewardRedeemed, now, cmd.TransactionId, cmd.StoreId, 0, null,
                $"{view.Description} redeemed", JsonSerializer.Serialize(
                    new RedemptionDetails(fingerprint, view.RewardId, view.Kind, view.Description, view.ExpiresAt), DetailsJson.Options));
            outcome = new RedemptionOutcome(cmd.TransactionId, false, 0, view, s.Balance);
        }
        Remember(s, new TransactionRecord { TransactionId = cmd.TransactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now, Redemption = outcome, Taken = taken });
        ByTill(s, firstEntry, cmd.TillId);
        return Result<RedemptionOutcome>.Ok(outcome);
    }

    /// <summary>
    /// Takes points away: from the lot of <paramref name="preferredLot"/> first when given, then oldest first;
    /// whatever the lots cannot cover becomes debt. What it took from each lot is added to <paramref name="taken"/> when given.
    /// </summary>
    internal static void Debit(MemberState s, long points, DateOnly? preferredLot, List<PointsTaken>? taken = null)
    {
        if (preferredLot is { } day)
        {
            var lot = s.Lots.Find(l => l.ExpiresOn == day);
            if (lot is not null)
                points -= Take(lot, points, taken);
        }
        foreach (var lot in s.Lots)
        {
            if (points == 0)
                break;
            points -= Take(lot, points, taken);
        }
        s.Lots.RemoveAll(l => l.Points == 0);
        s.Debt += points;

        static long Take(PointLot lot, long wanted, List<PointsTaken>? taken)
        {
            var n = Math.Min(lot.Points, wanted);
            lot.Points -= n;
            if (n > 0)
                taken?.Add(new PointsTaken(lot.ExpiresOn, n));
            return n;
        }
    }
}
