namespace Loyalty.Server.Auth;

public static class Roles
{
    public const string Till = "till";
    public const string Marketing = "marketing";
    /// <summary>Operators: the dashboard and other operations pages; no member data.</summary>
    public const string Operations = "operations";
    /// <summary>Customer service: finds members by what they give (card, phone, e-mail), corrects their profile and cards.</summary>
    public const string Support = "support";
    /// <summary>A signed-in member (JWT); may read and watch only their own account.</summary>
    public const string Member = "member";
    /// <summary>The roles an API key can have.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Till, Marketing, Operations, Support };
}

public static class Policies
{
    /// <summary>Tills only: money-moving calls.</summary>
    public const string Till = "till";
    /// <summary>Marketing tools only: clubs and promotions.</summary>
    public const string Marketing = "marketing";
    /// <summary>Tills and marketing tools.</summary>
    public const string Staff = "staff";
    /// <summary>Tills, marketing, and members (for their own account: see <see cref="MemberAccess"/>).</summary>
    public const string Reader = "reader";
    /// <summary>A member's account and activity: tills, marketing, support, and the member themself.</summary>
    public const string AccountReader = "account-reader";
    /// <summary>Who may enrol a member or change their profile: tills, marketing and support.</summary>
    public const string Profile = "profile";
    /// <summary>Customer service only: adjusting a member's points by hand.</summary>
    public const string Support = "support";
    /// <summary>Tills and support: finding members by card, phone or e-mail, and their cards.</summary>
    public const string TillOrSupport = "till-or-support";
    /// <summary>Who may read a member's cards: tills, support, and the member (for their own: see <see cref="MemberAccess"/>).</summary>
    public const string CardReader = "card-reader";
    /// <summary>Programme-wide reports (the points liability): support and marketing.</summary>
    public const string Reports = "reports";
    /// <summary>A member's own data (their copy of it): support, and the member (for their own: see <see cref="MemberAccess"/>).</summary>
    public const string MemberData = "member-data";
    /// <summary>Who may watch a member live: tills, support, and the member.</summary>
    public const string Watcher = "watcher";
    /// <summary>Operators, by API key: the <c>X-Api-Key</c> header, or the key as an HTTP Basic password (browsers).</summary>
    public const string Operations = "operations";
}
