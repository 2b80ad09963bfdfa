using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>Stable problem types (RFC 9457) and the answers built from them.</summary>
public static class Problems
{
    private const string Prefix = "urn:loyalty:problem:";

    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string MemberNotFound = Prefix + "member-not-found";
    public const string TransactionIdReused = Prefix + "transaction-id-reused";
    public const string InsufficientPoints = Prefix + "insufficient-points";
    public const string RewardUnavailable = Prefix + "reward-unavailable";
    public const string UnknownOriginalTransaction = Prefix + "unknown-original-transaction";
    public const string LineNotRefundable = Prefix + "line-not-refundable";
    public const string OutsideTransactionWindow = Prefix + "outside-transaction-window";
    public const string TooManyRewards = Prefix + "too-many-rewards";
    public const string RefundWindowClosed = Prefix + "refund-window-closed";
    public const string StorageUnavailable = Prefix + "storage-unavailable";
    public const string CommandFailed = Prefix + "command-failed";
    public const string AmountOutOfRange = Prefix + "amount-out-of-range";
    public const string InvalidCommand = Prefix + "invalid-command";
    public const string RateLimited = Prefix + "rate-limited";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string IdentifierInUse = Prefix + "identifier-in-use";
    public const string AdjustmentTooLarge = Prefix + "adjustment-too-large";
    public const string AlreadyVoided = Prefix + "already-voided";
    public const string NotARedemption = Prefix + "not-a-redemption";
    public const string MergeIntoSelf = Prefix + "merge-into-self";
    public const string MergeSourceNotFound = Prefix + "merge-source-not-found";
    public const string SourceAlreadyMerged = Prefix + "source-already-merged";
    public const string MemberMergedAway = Prefix + "member-merged-away";
    public const string MemberErased = Prefix + "member-erased";

    public static ProblemHttpResult MemberNotFound404(string memberId) =>
        TypedResults.Problem($"Member '{memberId}' is not enrolled.", statusCode: StatusCodes.Status404NotFound,
            title: "Member not found", type: MemberNotFound);

    /// <summary>The identifier (named by its field) belongs to another member; which one is not said.</summary>
    public static ProblemHttpResult IdentifierInUse409(MemberIdentifier identifier) =>
        TypedResults.Problem($"This {identifier.Field} belongs to another member.", statusCode: StatusCodes.Status409Conflict,
            title: "Identifier in use", type: IdentifierInUse, extensions: new Dictionary<string, object?> { ["field"] = identifier.Field });

    public static ProblemHttpResult NotYourAccount403() => NotYours403("A member may read only their own account.");

    public static ProblemHttpResult NotYours403(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: Forbidden);

    public static ProblemHttpResult From(Rejection rejection)
    {
        var (status, type, title) = rejection.Code switch
        {
            RejectionCode.NotEnrolled => (StatusCodes.Status404NotFound, MemberNotFound, "Member not found"),
            RejectionCode.TransactionIdReused => (StatusCodes.Status409Conflict, TransactionIdReused, "Transaction id already used"),
            RejectionCode.InsufficientPoints => (StatusCodes.Status409Conflict, InsufficientPoints, "Not enough points"),
            RejectionCode.RewardUnavailable => (StatusCodes.Status409Conflict, RewardUnavailable, "Reward not available"),
            RejectionCode.UnknownOriginalTransaction => (StatusCodes.Status422UnprocessableEntity, UnknownOriginalTransaction, "Original transaction not found"),
            RejectionCode.LineNotRefundable => (StatusCodes.Status409Conflict, LineNotRefundable, "Line cannot be refunded"),
            RejectionCode.OutsideTransactionWindow => (StatusCodes.Status422UnprocessableEntity, OutsideTransactionWindow, "Outside the transaction window"),
            RejectionCode.TooManyRewards => (StatusCodes.Status422UnprocessableEntity, TooManyRewards, "Too many rewards for one sale"),
            RejectionCode.RefundWindowClosed => (StatusCodes.Status422UnprocessableEntity, RefundWindowClosed, "Refund window closed"),
            RejectionCode.AdjustmentTooLarge => (StatusCodes.Status422UnprocessableEntity, AdjustmentTooLarge, "Adjustment over the limit"),
            RejectionCode.AlreadyVoided => (StatusCodes.Status409Conflict, AlreadyVoided, "Redemption already voided"),
            RejectionCode.NotARedemption => (StatusCodes.Status422UnprocessableEntity, NotARedemption, "Not a redemption"),
            RejectionCode.MergeIntoSelf => (StatusCodes.Status422UnprocessableEntity, MergeIntoSelf, "A member cannot be merged into itself"),
            RejectionCode.MergeSourceNotEnrolled => (StatusCodes.Status404NotFound, MergeSourceNotFound, "Merge source not found"),
            RejectionCode.SourceAlreadyMerged => (StatusCodes.Status409Conflict, SourceAlreadyMerged, "Source already merged"),
            RejectionCode.MemberMergedAway => (StatusCodes.Status409Conflict, MemberMergedAway, "Member merged into another"),
            _ => (StatusCodes.Status422UnprocessableEntity, Validation, "Request refused"),
        };
        return TypedResults.Problem(rejection.Detail, statusCode: status, title: title, type: type);
    }

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid", type: Validation);
}
