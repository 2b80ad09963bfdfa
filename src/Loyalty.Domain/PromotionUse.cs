namespace Loyalty.Domain;

/// <summary>
/// How many purchases of a member a promotion with a per-member limit has applied to. Kept until
/// <see cref="KeepUntil"/>: the end of the promotion plus the transaction window, after which no purchase can be
/// recorded inside its window any more.
/// </summary>
[GenerateSerializer, Alias("loyalty.promotion-use")]
public sealed class PromotionUse
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public DateTimeOffset KeepUntil { get; set; }
}
