using System.Security.Claims;

namespace Loyalty.Server.Auth;

/// <summary>Who may manage a member's clubs, and how a change names who made it in the audit.</summary>
public static class MarketingAccess
{
    /// <summary>Join or leave a club: marketing for any member, a member for themself.</summary>
    public static bool MayManageClubsOf(this ClaimsPrincipal user, string memberId) =>
        user.IsInRole(Roles.Marketing)
        || (user.IsMember() && string.Equals(user.FindFirstValue(MemberAccess.SubjectClaim), memberId, StringComparison.Ordinal));

    /// <summary>The audit's "who": the API key's name, or <c>member:{id}</c> for a member's token.</summary>
    public static string Who(this ClaimsPrincipal user) =>
        user.IsMember() ? "member:" + user.FindFirstValue(MemberAccess.SubjectClaim) : user.Identity?.Name ?? "unknown";
}
