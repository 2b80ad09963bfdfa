namespace Loyalty.Domain;

/// <summary>Checks a programme definition; every message names the configuration key at fault.</summary>
public static class ProgrammeOptionsValidation
{
    /// <summary>Three years: the longest refund window, so a refund's read of the ledger stays a bounded range.</summary>
    public const int MaxRefundWindowDays = 1096;

    /// <summary>A year: the longest that earned points may wait before they can be spent.</summary>
    public const int MaxPendingDays = 365;

    /// <summary>The most a point may be worth (<see cref="ProgrammeOptions.PointValue"/>), in the programme's currency.</summary>
    public const decimal MaxPointValue = 1000m;

    public static IReadOnlyList<string> Validate(ProgrammeOptions o)
    {
        const string p = ProgrammeOptions.SectionName;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Currency) || o.Currency.Length != 3 || !o.Currency.All(char.IsAsciiLetterUpper))
            errors.Add($"{p}:Currency must be a three-letter upper-case ISO 4217 code (got '{o.Currency}').");
        if (o.PointsPerCurrencyUnit < 0 || o.PointsPerCurrencyUnit > 1000)
            errors.Add($"{p}:PointsPerCurrencyUnit must be between 0 and 1000 (got {o.PointsPerCurrencyUnit}).");
        if (o.PointValue <= 0 || o.PointValue > MaxPointValue || decimal.Round(o.PointValue, 6) != o.PointValue)
            errors.Add($"{p}:PointValue must be above 0 and at most {MaxPointValue}, with at most 6 decimals (got {o.PointValue}).");
        if (o.Tiers.Count == 0)
            errors.Add($"{p}:Tiers must define at least one tier.");
        for (var i = 0; i < o.Tiers.Count; i++)
        {
            var t = o.Tiers[i];
            if (string.IsNullOrWhiteSpace(t.Name))
                errors.Add($"{p}:Tiers:{i}:Name is required.");
            if (t.Multiplier < 0 || t.Multiplier > 100)
                errors.Add($"{p}:Tiers:{i}:Multiplier must be between 0 and 100 (got {t.Multiplier}).");
            if (i == 0 && t.Threshold != 0)
                errors.Add($"{p}:Tiers:0:Threshold must be 0: the first tier is where every member starts (got {t.Threshold}).");
            if (i > 0 && t.Threshold <= o.Tiers[i - 1].Threshold)
                errors.Add($"{p}:Tiers:{i}:Threshold must be above the threshold of tier {i - 1} (got {t.Threshold}).");
        }
        if (o.Tiers.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != o.Tiers.Count)
            errors.Add($"{p}:Tiers names must be unique.");
        if (o.TierQualifyingMonths is < 1 or > 36)
            errors.Add($"{p}:TierQualifyingMonths must be between 1 and 36 (got {o.TierQualifyingMonths}).");
        if (o.TierHoldMonths is < 0 or > 36)
            errors.Add($"{p}:TierHoldMonths must be between 0 and 36 (got {o.TierHoldMonths}).");
        for (var i = 0; i < o.StampCards.Count; i++)
        {
            var c = o.StampCards[i];
            if (string.IsNullOrWhiteSpace(c.CardId))
                errors.Add($"{p}:StampCards:{i}:CardId is required.");
            if (string.IsNullOrWhiteSpace(c.Category))
                errors.Add($"{p}:StampCards:{i}:Category is required.");
            if (c.StampsRequired is < 1 or > 1000)
                errors.Add($"{p}:StampCards:{i}:StampsRequired must be between 1 and 1000 (got {c.StampsRequired}).");
            if (string.IsNullOrWhiteSpace(c.RewardKind))
                errors.Add($"{p}:StampCards:{i}:RewardKind is required.");
        }
        if (o.StampCards.Select(c => c.CardId).Distinct(StringComparer.OrdinalIgnoreCase).Count() != o.StampCards.Count)
            errors.Add($"{p}:StampCards card ids must be unique.");
        if (o.PointsExpiryMonths is < 1 or > 120)
            errors.Add($"{p}:PointsExpiryMonths must be between 1 and 120 (got {o.PointsExpiryMonths}).");
        if (o.RewardExpiryDays is < 1 or > 3650)
            errors.Add($"{p}:RewardExpiryDays must be between 1 and 3650 (got {o.RewardExpiryDays}).");
        if (o.MaxRewardsPerSale is < 1 or > 10_000)
            errors.Add($"{p}:MaxRewardsPerSale must be between 1 and 10000 (got {o.MaxRewardsPerSale}).");
        if (o.TransactionWindowDays is < 1 or > 366)
            errors.Add($"{p}:TransactionWindowDays must be between 1 and 366 (got {o.TransactionWindowDays}).");
        if (o.RefundWindowDays is < 1 or > MaxRefundWindowDays)
            errors.Add($"{p}:RefundWindowDays must be between 1 and {MaxRefundWindowDays} (got {o.RefundWindowDays}).");
        if (o.PendingDays is < 0 or > MaxPendingDays)
            errors.Add($"{p}:PendingDays must be between 0 and {MaxPendingDays} (got {o.PendingDays}).");
        if (o.MaxRememberedTransactions is < 10 or > 100_000)
            errors.Add($"{p}:MaxRememberedTransactions must be between 10 and 100000 (got {o.MaxRememberedTransactions}).");
        if (o.MaxClubs is < 1 or > 10_000)
            errors.Add($"{p}:MaxClubs must be between 1 and 10000 (got {o.MaxClubs}).");
        if (o.MaxAdjustmentPoints is < 1 or > 1_000_000_000)
            errors.Add($"{p}:MaxAdjustmentPoints must be between 1 and 1000000000 (got {o.MaxAdjustmentPoints}).");
        return errors;
    }
}
