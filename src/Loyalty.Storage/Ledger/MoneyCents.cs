namespace Loyalty.Storage.Ledger;

/// <summary>Amounts are stored exactly as whole cents (minor units), which both dialects sum exactly.</summary>
internal static class MoneyCents
{
    private const decimal Cent = 0.01m;

    public static long? ToCents(decimal? amount)
    {
        if (amount is not { } value)
        {
            return null;
        }

        var cents = value * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentException($"The amount {value} has more than 2 decimal places and cannot be stored exactly.", nameof(amount));
        }
        return decimal.ToInt64(cents);
    }

    /// <summary>Back to an amount with exactly 2 decimal places (e.g. -6.40, not -6.4).</summary>
    public static decimal FromCents(long cents) => cents * Cent;
}
