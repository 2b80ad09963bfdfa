namespace Loyalty.Domain;

/// <summary>
/// Rewards of one stamp card that closed the same way on the same UTC day. They are kept, as bare numbers, for the
/// transaction window only: so that a till asking for one is told it was used, revoked or expired rather than unknown.
/// The ledger keeps their history.
/// </summary>
[GenerateSerializer, Alias("loyalty.closed-rewards")]
public sealed class ClosedRewards
{
    [Id(0)] public string CardId { get; set; } = "";
    /// <summary><see cref="RewardStatus.Redeemed"/>, <see cref="RewardStatus.Expired"/> or <see cref="RewardStatus.Revoked"/>.</summary>
    [Id(1)] public RewardStatus Status { get; set; }
    /// <summary>The UTC day they closed on; an expired reward closes on the day it expired.</summary>
    [Id(2)] public DateOnly ClosedOn { get; set; }
    [Id(3)] public List<long> Numbers { get; set; } = [];
}
