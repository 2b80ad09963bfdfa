namespace Loyalty.Server.Auth;

public static class Roles
{
    public const string Till = "till";
    public const string Marketing = "marketing";
    /// <summary>A signed-in member (JWT); may read and watch only their own account.</summary>
    public const string Member = "member";
    /// <summary>The roles an API key can have.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Till, Marketing };
}

public static class Policies
{
    /// <summary>Tills only: money-moving calls.</summary>
    public const string Till = "till";
    /// <summary>Tills and marketing tools.</summary>
    public const string Staff = "staff";
    /// <summary>Tills, marketing, and members (for their own account: see <see cref="MemberAccess"/>).</summary>
    public const string Reader = "reader";
    /// <summary>Who may watch a member live: tills, and the member.</summary>
    public const string Watcher = "watcher";
}
