using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>Corrections at the counter: adjustments by customer service and voids of redemptions.</summary>
public sealed partial class MemberGrain
{
    public Task<Result<AdjustmentOutcome>> Adjust(Adjustment adjustment) =>
        ForwardedAsync(adjustment.TransactionId, target => target.Adjust(adjustment), () => AdjustHereAsync(adjustment));

    private async Task<Result<AdjustmentOutcome>> AdjustHereAsync(Adjustment adjustment)
    {
        var result = await ApplyAsync(adjustment, (s, cmd, now) => _programme.ApplyAdjustment(s, cmd, now), o => o.Duplicate,
            adjustment.TransactionId);
        LogCommand(_logger, MemberId, "adjustment", adjustment.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }

    /// <summary>The redemption the void names is read back from the ledger first when the member let its record go.</summary>
    public Task<Result<VoidOutcome>> VoidRedemption(RedemptionVoid redemptionVoid) =>
        ForwardedAsync(redemptionVoid.TransactionId, target => target.VoidRedemption(redemptionVoid), () => VoidHereAsync(redemptionVoid));

    private async Task<Result<VoidOutcome>> VoidHereAsync(RedemptionVoid redemptionVoid)
    {
        var result = await ApplyAsync(redemptionVoid, (s, cmd, now) => _programme.ApplyVoid(s, cmd, now), o => o.Duplicate,
            redemptionVoid.TransactionId, redemptionVoid.OriginalTransactionId);
        LogCommand(_logger, MemberId, "void", redemptionVoid.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }
}
