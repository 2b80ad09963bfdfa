using System.Globalization;
using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Adds or removes points by hand. Added points repay what the member owes first, and the rest forms a lot that
    /// expires like a purchase's points made today (<see cref="ProgrammeOptions.PointsExpiryMonths"/> after today).
    /// Removed points are taken oldest first, and never more than the balance. At most
    /// <see cref="ProgrammeOptions.MaxAdjustmentPoints"/> either way.
    /// </summary>
    public Result<AdjustmentOutcome> ApplyAdjustment(MemberState s, Adjustment cmd, DateTimeOffset now)
    {
        if (!s.Enrolled)
            return Result<AdjustmentOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        if (cmd.Points == 0 || cmd.Points == long.MinValue || !AdjustmentReasons.IsKnown(cmd.Reason))
            throw new ArgumentException("An adjustment adds or removes some points, for a known reason.", nameof(cmd));
        var fingerprint = Fingerprint.Of(cmd);
        var firstEntry = s.Outbox.Count;
        if (Replay(s, cmd.TransactionId, fingerprint, r => r.Adjustment, now) is { } replay)
            return replay.IsSuccess ? Result<AdjustmentOutcome>.Ok(replay.Value! with { Duplicate = true }) : replay;

        var size = Math.Abs(cmd.Points);
        if (size > _options.MaxAdjustmentPoints)
            return Result<AdjustmentOutcome>.Fail(RejectionCode.AdjustmentTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"An adjustment may add or remove at most {_options.MaxAdjustmentPoints} points ({ProgrammeOptions.SectionName}:{nameof(ProgrammeOptions.MaxAdjustmentPoints)}); {size} asked."));
        DateOnly? lotExpiresOn = null;
        if (cmd.Points > 0)
        {
            lotExpiresOn = Day(now).AddMonths(_options.PointsExpiryMonths);
            Credit(s, cmd.Points, lotExpiresOn.Value);
        }
        else
        {
            var balance = s.Balance;
            if (size > balance)
                return Result<AdjustmentOutcome>.Fail(RejectionCode.InsufficientPoints,
                    $"The balance is {balance} points; {size} cannot be removed.");
            Debit(s, size, null);
        }
        Append(s, LedgerKinds.Adjustment, now, cmd.TransactionId, null, cmd.Points, null,
            string.Create(CultureInfo.InvariantCulture, $"Adjustment of {cmd.Points:+0;-0} points ({cmd.Reason})"),
            JsonSerializer.Serialize(new AdjustmentDetails(cmd.Reason, cmd.Note, cmd.By, fingerprint, lotExpiresOn), DetailsJson.Options));
        var outcome = new AdjustmentOutcome(cmd.TransactionId, false, cmd.Points, cmd.Reason, s.Balance);
        Remember(s, new TransactionRecord { TransactionId = cmd.TransactionId, Fingerprint = Fingerprint.Compact(fingerprint), At = now, Adjustment = outcome });
        ByTill(s, firstEntry, cmd.TillId);
        return Result<AdjustmentOutcome>.Ok(outcome);
    }
}
