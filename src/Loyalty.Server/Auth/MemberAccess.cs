using System.Security.Claims;

namespace Loyalty.Server.Auth;

/// <summary>A member's token opens only that member's account; staff keys open any.</summary>
public static class MemberAccess
{
    public const string SubjectClaim = "sub";

    public static bool IsMember(this ClaimsPrincipal user) => user.IsInRole(Roles.Member);

    /// <summary>Read the account: staff, or the member themself.</summary>
    public static bool MayAccess(this ClaimsPrincipal user, string memberId) =>
        user.IsInRole(Roles.Till) || user.IsInRole(Roles.Marketing) || user.IsInRole(Roles.Support) || user.Is(memberId);

    /// <summary>Watch the account live: a till, customer service (the member on the line), or the member themself.</summary>
    public static bool MayWatch(this ClaimsPrincipal user, string memberId) =>
        user.IsInRole(Roles.Till) || user.IsInRole(Roles.Support) || user.Is(memberId);

    /// <summary>Erase the member (GDPR): customer service, or the member themself.</summary>
    public static bool MayErase(this ClaimsPrincipal user, string memberId) =>
        user.IsInRole(Roles.Support) || user.Is(memberId);

    private static bool Is(this ClaimsPrincipal user, string memberId) =>
        user.IsMember() && string.Equals(user.FindFirstValue(SubjectClaim), memberId, StringComparison.Ordinal);
}
