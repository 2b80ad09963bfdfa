namespace Loyalty.Domain;

/// <summary>
/// The member segments a promotion's audience can name. Which segments a member is in is worked out elsewhere (from
/// the retention insights) and given to the purchase in <see cref="PromotionContext.Segments"/>.
/// </summary>
public static class MemberSegments
{
    public const string AtRisk = "at-risk";
    public const string Lapsed = "lapsed";
    public const string Top = "top";

    public static readonly IReadOnlyList<string> All = [AtRisk, Lapsed, Top];

    public static bool IsKnown(string? segment) => segment is not null && All.Contains(segment, StringComparer.Ordinal);
}
