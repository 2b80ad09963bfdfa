using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>
/// The member's clubs and promotions: the same grain as <see cref="IMemberGrain"/> (same key, same activation),
/// seen through the calls marketing and member apps make.
/// </summary>
[Alias("loyalty.member-marketing")]
public interface IMemberMarketingGrain : IGrainWithStringKey
{
    /// <summary>Joins a club the caller checked exists; <paramref name="clubName"/> names it in the member's activity.</summary>
    [Alias("join-club")]
    Task<Result<ClubMembershipOutcome>> JoinClub(string clubId, string? clubName);

    [Alias("leave-club")]
    Task<Result<ClubMembershipOutcome>> LeaveClub(string clubId, string? clubName);

    /// <summary>The promotions open to the member now, as this node's catalogue knows them; null when not enrolled.</summary>
    [Alias("promotions")]
    Task<IReadOnlyList<PromotionDefinition>?> GetPromotions();

    /// <summary>Which of <paramref name="promotions"/> are open to the member now (empty when not enrolled).</summary>
    [Alias("open-among")]
    Task<IReadOnlyList<PromotionDefinition>> OpenAmong(IReadOnlyList<PromotionDefinition> promotions);
}
