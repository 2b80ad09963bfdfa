using System.Data.Common;
using System.Text.Json;
using Loyalty.Grains;
using Loyalty.Grains.Privacy;
using Loyalty.Server.Apis;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loyalty.Server.Hosting;

/// <summary>
/// Turns exceptions into problem details: a body that cannot be read is the client's 4xx; an erased member is 410; storage or cluster trouble
/// is a 503 the till may retry with the same transaction id; a command the programme rules failed to apply (the
/// member's account is left as it was) is a 422 when its amounts are out of range or it is invalid, else a 503 to
/// retry; anything else is a genuine 500.
/// </summary>
public sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException bad:
                problem = new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Type = Problems.MalformedRequest,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Malformed request",
                    Detail = Describe(bad),
                };
                break;
            case MemberErasedException erased:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status410Gone,
                    Type = Problems.MemberErased,
                    Title = "Member erased",
                    Detail = erased.Message,
                };
                break;
            case AmountOutOfRangeException:
                problem = NotApplied(Problems.AmountOutOfRange, "Amounts out of range",
                    "The command's amounts take the account beyond what it can count.");
                break;
            case InvalidCommandException invalid:
                problem = NotApplied(Problems.InvalidCommand, "Invalid command", invalid.Message);
                break;
            case CommandFailedException:
                LogCommandFailed(logger, exception, context.Request.Path);
                problem = RetryLater(context, Problems.CommandFailed, "Command failed",
                    "The command failed while it was applied, and nothing was changed. " + RetryAdvice);
                break;
            case var e when IsTransient(e):
                LogTransient(logger, e, context.Request.Path);
                // A write that timed out may still have landed: retrying with the same transaction id is safe either
                // way, as a change already made is answered as a duplicate and not made twice.
                problem = RetryLater(context, Problems.StorageUnavailable, "Storage unavailable",
                    "The database did not answer in time: the change may not have been made. " + RetryAdvice);
                break;
            default:
                LogUnexpected(logger, exception, context.Request.Path);
                problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Unexpected error" };
                break;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private const string RetryAdvice = "Retry with the same transaction id; a change already made is not made twice.";

    /// <summary>A 422 for a command that the programme rules could not apply, and that would fail again.</summary>
    private static ProblemDetails NotApplied(string type, string title, string reason) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Type = type,
        Title = title,
        Detail = reason + " The command was not applied, and nothing was changed.",
    };

    /// <summary>A 503 the caller may retry after a second.</summary>
    private static ProblemDetails RetryLater(HttpContext context, string type, string title, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Type = type, Title = title, Detail = detail };
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { } path } => $"The body is not valid for this call at '{path}'.",
        JsonException => "The body is not valid JSON.",
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body exceeds the size limit.",
        _ => "The request could not be read.",
    };

    private static bool IsTransient(Exception e) => e switch
    {
        StorageUnavailableException or InconsistentStateException or DbException or TimeoutException
            or SiloUnavailableException or OrleansMessageRejectionException => true,
        AggregateException { InnerException: { } inner } => IsTransient(inner),
        OrleansException { InnerException: { } inner } => IsTransient(inner),
        _ => e.InnerException is { } inner2 && IsTransient(inner2),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage or cluster unavailable while serving {Path}")]
    private static partial void LogTransient(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A command failed while it was applied, serving {Path}")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
