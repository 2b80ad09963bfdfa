using System.Globalization;
using Loyalty.Domain;

namespace Loyalty.Storage.Liability;

/// <summary>How the counters table writes a line's key: the kind by name, the day as <c>yyyy-MM-dd</c> ('' for debt).</summary>
internal static class LiabilityColumns
{
    public static string Kind(LiabilityKind kind) => kind switch
    {
        LiabilityKind.Spendable => "spendable",
        LiabilityKind.Pending => "pending",
        LiabilityKind.Debt => "debt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LiabilityKind ParseKind(string kind) => kind switch
    {
        "spendable" => LiabilityKind.Spendable,
        "pending" => LiabilityKind.Pending,
        "debt" => LiabilityKind.Debt,
        _ => throw new FormatException($"Unknown liability kind '{kind}' in loyalty_liability."),
    };

    public static string Day(LiabilityKey key) =>
        key.Kind == LiabilityKind.Debt ? "" : Day(key.ExpiresOn);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string day) =>
        day.Length == 0 ? default : DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
