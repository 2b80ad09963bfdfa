using FluentValidation;
using Loyalty.Server.Apis;

namespace Loyalty.Server.Validation;

/// <summary>A till's name, and its store as a purchase names it (here required).</summary>
public sealed class TillRequestValidator : AbstractValidator<TillRequest>
{
    public TillRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("'name' is required.").OptionalText(100);
        RuleFor(r => r.StoreId).NotEmpty().WithMessage("'storeId' is required.").OptionalText(Rules.MaxIdLength);
    }
}
