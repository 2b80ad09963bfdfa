namespace Loyalty.Server.Auth;

public static class Roles
{
    public const string Till = "till";
    public const string Marketing = "marketing";
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Till, Marketing };
}

public static class Policies
{
    /// <summary>Tills only: money-moving calls.</summary>
    public const string Till = "till";
    /// <summary>Tills and marketing tools.</summary>
    public const string Staff = "staff";
}
