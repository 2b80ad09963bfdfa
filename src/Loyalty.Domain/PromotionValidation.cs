namespace Loyalty.Domain;

/// <summary>
/// Checks a promotion definition against the programme. Pure: the errors are keyed by the field at fault, as the JSON
/// of the HTTP API names it (<c>name</c>, <c>effect.value</c>, <c>audience.minTier</c> ...), ready to become the
/// <c>errors</c> map of a validation problem. Whether the audience's club exists is for the caller to check: the rules
/// do not know the clubs.
/// </summary>
public static class PromotionValidation
{
    public const int MaxNameLength = 100;
    public const decimal MaxMultiplier = 10m;
    public const long MaxBonusPoints = 1_000_000;
    public const int MaxBonusStamps = 100;

    /// <summary>The errors of a definition, by field; empty when it is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(PromotionDefinition p, ProgrammeOptions options)
    {
        var errors = new Errors();
        if (!IdFormat.IsValid(p.Id))
            errors.Add("id", $"'id' must be 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'.");
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > MaxNameLength || !IsPrintable(p.Name))
            errors.Add("name", $"'name' must be 1 to {MaxNameLength} printable characters, without surrounding spaces.");
        if (p.EndsAt <= p.StartsAt)
            errors.Add("endsAt", "'endsAt' must be after 'startsAt'.");

        var audience = p.Audience;
        if (audience is null)
            errors.Add("audience", "'audience' is required (an empty audience means every member).");
        else
        {
            if (audience.ClubId is not null && !IdFormat.IsValid(audience.ClubId))
                errors.Add("audience.clubId", $"'clubId' must be 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'.");
            if (audience.MinTier is not null && !options.Tiers.Any(t => string.Equals(t.Name, audience.MinTier, StringComparison.Ordinal)))
                errors.Add("audience.minTier", $"'minTier' must be one of the programme's tiers: {string.Join(", ", options.Tiers.Select(t => t.Name))}.");
            if (audience.Segment is not null && !MemberSegments.IsKnown(audience.Segment))
                errors.Add("audience.segment", $"'segment' must be one of: {string.Join(", ", MemberSegments.All)}.");
        }

        if (p.Effect is null)
            errors.Add("effect", "'effect' is required.");
        else
            ValidateEffect(p.Effect, options, errors);

        if (p.LimitPerMember is < 1)
            errors.Add("limitPerMember", "'limitPerMember' must be at least 1.");
        if (p.BudgetPoints is < 1)
            errors.Add("budgetPoints", "'budgetPoints' must be at least 1.");
        return errors.ToDictionary();
    }

    private static void ValidateEffect(PromotionEffect effect, ProgrammeOptions options, Errors errors)
    {
        var value = effect.Value;
        switch (effect.Kind)
        {
            case PromotionEffectKind.Multiplier:
                if (value <= 1m || value > MaxMultiplier || decimal.Round(value, 2) != value)
                    errors.Add("effect.value", $"A multiplier is above 1 and at most {MaxMultiplier}, with at most 2 decimal places.");
                break;
            case PromotionEffectKind.BonusPoints:
                if (value < 1m || value > MaxBonusPoints || decimal.Truncate(value) != value)
                    errors.Add("effect.value", $"Bonus points are a whole number from 1 to {MaxBonusPoints}.");
                break;
            case PromotionEffectKind.BonusStamps:
                if (value < 1m || value > MaxBonusStamps || decimal.Truncate(value) != value)
                    errors.Add("effect.value", $"Bonus stamps are a whole number from 1 to {MaxBonusStamps}.");
                if (StampCardOf(effect, options) is null)
                    errors.Add("effect.category", "Bonus stamps need the 'category' of one of the programme's stamp cards: "
                        + string.Join(", ", options.StampCards.Select(c => c.Category)) + ".");
                break;
            default:
                errors.Add("effect.kind", "'kind' must be multiplier, bonusPoints or bonusStamps.");
                break;
        }
        if (effect.Category is not null && (effect.Category.Length is 0 or > IdFormat.MaxLength || !IsPrintable(effect.Category)))
            errors.Add("effect.category", $"'category' must be 1 to {IdFormat.MaxLength} printable characters.");
        if (effect.Sku is not null && (effect.Sku.Length is 0 or > IdFormat.MaxLength || !IsPrintable(effect.Sku)))
            errors.Add("effect.sku", $"'sku' must be 1 to {IdFormat.MaxLength} printable characters.");
        if (effect.MinSpend is { } minSpend && (minSpend < 0 || decimal.Round(minSpend, 2) != minSpend))
            errors.Add("effect.minSpend", "'minSpend' is 0 or more, with at most 2 decimal places.");
    }

    /// <summary>The stamp card whose category the effect names (case-insensitive, like lines earn stamps), or null.</summary>
    public static StampCardRule? StampCardOf(PromotionEffect effect, ProgrammeOptions options) =>
        effect.Category is null
            ? null
            : options.StampCards.FirstOrDefault(c => string.Equals(c.Category, effect.Category, StringComparison.OrdinalIgnoreCase));

    /// <summary>Printable text: no control, format or unassigned characters, no surrounding white space.</summary>
    private static bool IsPrintable(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            return false;
        foreach (var c in text)
            if (char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.PrivateUse)
                return false;
        return true;
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages))
                _byField[field] = messages = [];
            messages.Add(message);
        }

        public IReadOnlyDictionary<string, string[]> ToDictionary() =>
            _byField.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
    }
}
