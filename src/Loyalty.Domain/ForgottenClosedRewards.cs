namespace Loyalty.Domain;

/// <summary>
/// Reward groups that closed within the transaction window but are no longer remembered one by one in
/// <see cref="MemberState.ClosedRewards"/>: beyond <see cref="ClosedRewardLimit.MaxRemembered"/> numbers, the lowest
/// go, and only the highest of them is kept. A group at or below it that is not open closed one way or another. Null
/// (almost always) when none was let go.
/// </summary>
[GenerateSerializer, Alias("loyalty.forgotten-closed-rewards")]
public sealed class ForgottenClosedRewards
{
    /// <summary>The highest group number let go.</summary>
    [Id(0)] public long UpTo { get; set; }
    /// <summary>The latest day any group let go closed on; once it leaves the transaction window, all of them are forgotten.</summary>
    [Id(1)] public DateOnly LastClosedOn { get; set; }
}

/// <summary>How many closed reward groups a member's state remembers one by one.</summary>
public static class ClosedRewardLimit
{
    /// <summary>
    /// A member who redeems every reward as it comes closes a group per reward; at a busy shared account that is
    /// thousands in a transaction window, and every write would carry them all. 64 numbers are a few hundred bytes.
    /// </summary>
    public const int MaxRemembered = 64;
}
