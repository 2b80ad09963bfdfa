using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>Corrections at the counter: adjustments by customer service and voids of redemptions.</summary>
public sealed partial class MemberGrain
{
    public async Task<Result<AdjustmentOutcome>> Adjust(Adjustment adjustment)
    {
        var result = await ApplyAsync(adjustment, (s, cmd, now) => _programme.ApplyAdjustment(s, cmd, now), o => o.Duplicate,
            adjustment.TransactionId);
        LogCommand(_logger, MemberId, "adjustment", adjustment.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }

    /// <summary>The redemption the void names is read back from the ledger first when the member let its record go.</summary>
    public async Task<Result<VoidOutcome>> VoidRedemption(RedemptionVoid redemptionVoid)
    {
        var result = await ApplyAsync(redemptionVoid, (s, cmd, now) => _programme.ApplyVoid(s, cmd, now), o => o.Duplicate,
            redemptionVoid.TransactionId, redemptionVoid.OriginalTransactionId);
        LogCommand(_logger, MemberId, "void", redemptionVoid.TransactionId, Answer(result, o => o.Duplicate));
        return result;
    }
}
