using System.Text.RegularExpressions;
using FluentValidation;

namespace Loyalty.Server.Validation;

/// <summary>Shared field rules, so every call checks an id or an amount the same way.</summary>
public static partial class Rules
{
    public const int MaxIdLength = 64;

    // \z, not $: '$' also matches before a final newline, which would let "M-1\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    public static partial Regex MemberId();

    /// <summary>Printable text: no control, format or unassigned characters, no surrounding spaces.</summary>
    [GeneratedRegex(@"^[^\p{C}\s](?:[^\p{C}]*[^\p{C}\s])?\z")]
    public static partial Regex Printable();

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("'{PropertyName}' is required.")
            .MaximumLength(MaxIdLength)
            .Matches(Printable()).WithMessage("'{PropertyName}' must be printable text without control characters or surrounding spaces.");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Matches(Printable()).WithMessage("'{PropertyName}' must be printable text without control characters or surrounding spaces.");

    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;
}
