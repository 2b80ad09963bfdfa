using System.Globalization;
using System.Text.RegularExpressions;

namespace Loyalty.Server.Apis;

/// <summary>
/// Reads the query parameters of the insights calls strictly: whole numbers in digits within their bounds, shares as
/// plain decimals, one value each. Every fault is put in the errors map of a 400 answer.
/// </summary>
internal sealed partial class InsightsQuery
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public int Integer(string name, string? value, int fallback, int min, int max)
    {
        if (value is null)
            return fallback;
        if (Digits().IsMatch(value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        Errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }

    /// <summary>A share above 0 and at most 1, written as a decimal (<c>0.2</c>, <c>1</c>); null when not given.</summary>
    public double? Share(string name, string? value)
    {
        if (value is null)
            return null;
        if (Decimal().IsMatch(value) && double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share)
            && share is > 0 and <= 1)
            return share;
        Errors[name] = [$"'{name}' must be a decimal above 0 and at most 1, e.g. 0.2."];
        return null;
    }

    /// <summary>One of <paramref name="allowed"/>; null when not given.</summary>
    public string? Choice(string name, string? value, params string[] allowed)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
            return value;
        Errors[name] = [$"'{name}' must be one of: {string.Join(", ", allowed)}."];
        return null;
    }

    [GeneratedRegex("^[0-9]{1,9}$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,6})?$")]
    private static partial Regex Decimal();
}
