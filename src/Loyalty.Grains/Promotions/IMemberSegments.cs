namespace Loyalty.Grains.Promotions;

/// <summary>
/// Which segments (<see cref="Loyalty.Domain.MemberSegments"/>) a member is in, for promotions aimed at a segment.
/// Answered from memory, as purchases ask it.
/// </summary>
public interface IMemberSegments
{
    /// <summary>The member's segments; null when in none.</summary>
    IReadOnlySet<string>? SegmentsOf(string memberId);
}

/// <summary>No member is in any segment: promotions for a segment apply to no one until segments are worked out.</summary>
public sealed class NoMemberSegments : IMemberSegments
{
    public IReadOnlySet<string>? SegmentsOf(string memberId) => null;
}
