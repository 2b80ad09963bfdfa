using FluentValidation;
using Loyalty.Domain;
using Loyalty.Server.Apis;

namespace Loyalty.Server.Validation;

public sealed class AdjustmentRequestValidator : AbstractValidator<AdjustmentRequest>
{
    /// <summary>Longest note an adjustment may carry.</summary>
    public const int MaxNoteLength = 200;

    public AdjustmentRequestValidator()
    {
        RuleFor(r => r.TransactionId).ValidId();
        // The configured limit (at most 1,000,000,000) is the programme's rule: over it the answer names the limit.
        RuleFor(r => r.Points).NotNull().WithMessage("'points' is required.")
            .Must(p => p is not 0).WithMessage("'points' must not be 0: give the points to add, or a negative number to remove.")
            .InclusiveBetween(-1_000_000_000L, 1_000_000_000L);
        RuleFor(r => r.Reason).NotEmpty().WithMessage("'reason' is required.")
            .Must(AdjustmentReasons.IsKnown).WithMessage($"'reason' must be one of {string.Join(", ", AdjustmentReasons.All)}.");
        RuleFor(r => r.Note).OptionalText(MaxNoteLength).When(r => r.Note is not null);
    }
}

public sealed class VoidRequestValidator : AbstractValidator<RedemptionVoidRequest>
{
    public VoidRequestValidator()
    {
        RuleFor(r => r.TransactionId).ValidId();
        RuleFor(r => r.OriginalTransactionId).ValidId();
    }
}

public sealed class MergeRequestValidator : AbstractValidator<MergeRequest>
{
    public MergeRequestValidator()
    {
        RuleFor(r => r.TransactionId).ValidId();
        RuleFor(r => r.SourceMemberId).NotEmpty().WithMessage("'sourceMemberId' is required.")
            .Matches(Rules.MemberId()).WithMessage("'sourceMemberId' must be 1 to 64 letters, digits, '-' or '_'.");
    }
}
