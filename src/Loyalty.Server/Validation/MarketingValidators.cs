using FluentValidation;
using Loyalty.Grains;
using Loyalty.Server.Apis;

namespace Loyalty.Server.Validation;

public sealed class ClubRequestValidator : AbstractValidator<ClubRequest>
{
    public const int MaxNameLength = 100, MaxDescriptionLength = 500;

    public ClubRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("'name' is required.").OptionalText(MaxNameLength);
        RuleFor(r => r.Description).OptionalText(MaxDescriptionLength);
    }
}

/// <summary>
/// The shape of a promotion: what must be there, and the kind of effect. The programme's rules on the values
/// (<see cref="Loyalty.Domain.PromotionValidation"/>) are checked after, on the definition it makes.
/// </summary>
public sealed class PromotionRequestValidator : AbstractValidator<PromotionRequest>
{
    public static readonly IReadOnlyList<string> Kinds = ["multiplier", "bonusPoints", "bonusStamps"];

    /// <summary>The window a promotion can have: from 2000 to ten years ahead.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MaxYearsAhead = 10;

    public PromotionRequestValidator([FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("'name' is required.");
        RuleFor(r => r.StartsAt).NotNull().WithMessage("'startsAt' is required.")
            .Must(s => s is null || s.Value >= Earliest).WithMessage("'startsAt' must be in the year 2000 or later.");
        RuleFor(r => r.EndsAt).NotNull().WithMessage("'endsAt' is required.")
            .Must(e => e is null || e.Value > time.GetUtcNow()).WithMessage("'endsAt' must be in the future.")
            .Must(e => e is null || e.Value <= time.GetUtcNow().AddYears(MaxYearsAhead))
            .WithMessage($"'endsAt' must be at most {MaxYearsAhead} years from now.");
        RuleFor(r => r.Effect).NotNull().WithMessage("'effect' is required.");
        RuleFor(r => r.Effect!.Kind).Must(k => k is not null && Kinds.Contains(k, StringComparer.Ordinal))
            .WithMessage($"'kind' must be one of: {string.Join(", ", Kinds)}.").OverridePropertyName("effect.kind")
            .When(r => r.Effect is not null);
        RuleFor(r => r.Effect!.Value).NotNull().WithMessage("'value' is required.").OverridePropertyName("effect.value")
            .When(r => r.Effect is not null);
    }
}
