namespace Loyalty.Grains.Promotions;

/// <summary>
/// Which segments (<see cref="Loyalty.Domain.MemberSegments"/>) a member is in, for promotions aimed at a segment.
/// Answered from memory, as purchases ask it: <see cref="Insights.InsightsSegments"/>, registered by
/// <see cref="Insights.InsightsServiceCollectionExtensions.AddLoyaltyInsights"/>.
/// </summary>
public interface IMemberSegments
{
    /// <summary>The member's segments; null when in none.</summary>
    IReadOnlySet<string>? SegmentsOf(string memberId);
}
