namespace Loyalty.Domain;

/// <summary>
/// The form of the ids marketing gives clubs and promotions, the same as member ids: 1 to 64 letters, digits,
/// <c>-</c> and <c>_</c>, so that they fit in a URL path as they are.
/// </summary>
public static class IdFormat
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
            return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                return false;
        return true;
    }
}
