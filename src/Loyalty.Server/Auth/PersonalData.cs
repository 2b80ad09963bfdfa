using System.Security.Claims;
using Loyalty.Domain;

namespace Loyalty.Server.Auth;

/// <summary>
/// Personal data only where it is needed: a till greets the customer by name, and needs nothing else of their profile.
/// Marketing, customer service and the member themself see the whole account (README, "Who sees what").
/// </summary>
public static class PersonalData
{
    /// <summary>Whether <paramref name="user"/> sees the member's contact details and birth date, not only their name.</summary>
    public static bool SeesProfile(this ClaimsPrincipal user) =>
        !user.IsInRole(Roles.Till) || user.IsInRole(Roles.Marketing) || user.IsInRole(Roles.Support) || user.IsMember();

    /// <summary>The account as <paramref name="user"/> may see it: for a till, without e-mail, phone and birth date.</summary>
    public static AccountView For(this AccountView account, ClaimsPrincipal user) =>
        user.SeesProfile() ? account : account with { Email = null, Phone = null, BirthDate = null };
}
