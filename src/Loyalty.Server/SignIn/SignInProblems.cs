using Loyalty.Domain.Identity;
using Loyalty.Server.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.SignIn;

/// <summary>The refusals of sign-in, each the same whoever the identifier belongs to.</summary>
public static class SignInProblems
{
    public const string InvalidCode = "urn:loyalty:problem:invalid-code";
    public const string MailNotConfigured = "urn:loyalty:problem:mail-not-configured";
    public const string SmsNotConfigured = "urn:loyalty:problem:sms-not-configured";
    public const string TooManyCodes = Problems.RateLimited;

    public static ProblemHttpResult InvalidCode400() =>
        TypedResults.Problem("The code is wrong, expired or used up: ask for a new one.", statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid code", type: InvalidCode);

    public static ProblemHttpResult NoSender503(IdentifierKind kind) => kind == IdentifierKind.Email
        ? TypedResults.Problem("This engine has no mail server configured, so it cannot send sign-in codes by e-mail.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail is not configured", type: MailNotConfigured)
        : TypedResults.Problem("This engine cannot send text messages, so it cannot send sign-in codes to a phone.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "SMS is not configured", type: SmsNotConfigured);

    public static ProblemHttpResult TooManyCodes429() =>
        TypedResults.Problem("Too many codes were asked for this identifier lately: use the last one, or retry in a few minutes.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: TooManyCodes);

    public static ProblemHttpResult RefreshRefused401() =>
        TypedResults.Problem("The refresh token is not valid (unknown, expired, used or signed out): sign in again.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", type: Problems.Unauthorized);
}
