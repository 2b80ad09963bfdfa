using FluentValidation;
using Loyalty.Domain.Identity;
using Loyalty.Grains;
using Loyalty.Server.Apis;
using Loyalty.Server.Identity;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Validation;

public sealed class ProfileRequestValidator : AbstractValidator<ProfileRequest>
{
    public ProfileRequestValidator([FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, IOptions<IdentityOptions> identity)
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("'name' is required.").OptionalText(200);
        RuleFor(r => r.Email).Must(e => Identifiers.NormaliseEmail(e) is not null).When(r => r.Email is not null)
            .WithMessage(IdentifierMessages.Email());
        RuleFor(r => r.Phone).Must(p => Identifiers.NormalisePhone(p, identity.Value.DefaultRegion) is not null).When(r => r.Phone is not null)
            .WithMessage(IdentifierMessages.Phone(identity.Value.DefaultRegion));
        RuleFor(r => r.BirthDate)
            .Must(d => d is null || (d.Value.Year >= 1900 && d.Value <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
            .WithMessage("'birthDate' must be a date from 1900 up to today.");
    }
}

public sealed class PurchaseLineRequestValidator : AbstractValidator<PurchaseLineRequest>
{
    public PurchaseLineRequestValidator()
    {
        RuleFor(l => l.Sku).ValidId();
        RuleFor(l => l.Category).OptionalText(Rules.MaxIdLength);
        RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, 10_000);
        RuleFor(l => l.UnitPrice).NotNull().InclusiveBetween(0m, 1_000_000m)
            .Must(p => p is null || Rules.HasAtMostTwoDecimals(p.Value)).WithMessage("'unitPrice' has at most 2 decimal places.");
    }
}

public sealed class PurchaseRequestValidator : AbstractValidator<PurchaseRequest>
{
    public PurchaseRequestValidator([FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        RuleFor(r => r.TransactionId).ValidId();
        RuleFor(r => r.StoreId).OptionalText(Rules.MaxIdLength);
        RuleFor(r => r.OccurredAt)
            .Must(t => t is null || t.Value <= time.GetUtcNow().AddMinutes(5))
            .WithMessage("'occurredAt' cannot be more than 5 minutes in the future.");
        RuleFor(r => r.Lines).NotNull().WithMessage("'lines' is required.")
            .Must(l => l is null || l.Count is >= 1 and <= 500).WithMessage("A purchase has between 1 and 500 lines.");
        RuleForEach(r => r.Lines).NotNull().SetValidator(new PurchaseLineRequestValidator()!);
    }
}

public sealed class RedemptionRequestValidator : AbstractValidator<RedemptionRequest>
{
    public RedemptionRequestValidator()
    {
        RuleFor(r => r.TransactionId).ValidId();
        RuleFor(r => r.StoreId).OptionalText(Rules.MaxIdLength);
        RuleFor(r => r).Must(r => (r.Points is null) != (r.RewardId is null))
            .WithName("points").WithMessage("Give either 'points' or 'rewardId', not both.");
        RuleFor(r => r.Points).InclusiveBetween(1, 1_000_000_000L).When(r => r.Points is not null);
        RuleFor(r => r.RewardId).ValidId().When(r => r.RewardId is not null);
    }
}

public sealed class RefundLineRequestValidator : AbstractValidator<RefundLineRequest>
{
    public RefundLineRequestValidator()
    {
        RuleFor(l => l.Sku).ValidId();
        RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, 10_000);
    }
}

public sealed class RefundRequestValidator : AbstractValidator<RefundRequest>
{
    public RefundRequestValidator()
    {
        RuleFor(r => r.TransactionId).ValidId();
        RuleFor(r => r.StoreId).OptionalText(Rules.MaxIdLength);
        RuleFor(r => r.OriginalTransactionId).ValidId();
        RuleFor(r => r.Lines).NotNull().WithMessage("'lines' is required.")
            .Must(l => l is null || l.Count is >= 1 and <= 500).WithMessage("A refund has between 1 and 500 lines.");
        RuleForEach(r => r.Lines).NotNull().SetValidator(new RefundLineRequestValidator()!);
    }
}
