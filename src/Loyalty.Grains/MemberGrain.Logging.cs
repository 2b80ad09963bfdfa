using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains;

/// <summary>
/// The member grain's per-command log records: at Debug, as a node serves thousands of commands a second. Each
/// carries the member id and the till's transaction id as structured properties (<c>MemberId</c>, <c>TransactionId</c>).
/// </summary>
public sealed partial class MemberGrain
{
    /// <summary>How a command was answered, for the log: stored, replayed, or the rejection's code.</summary>
    private static string Answer<T>(Result<T> result, Func<T, bool> isDuplicate) =>
        !result.IsSuccess ? result.Rejection!.Code.ToString() : isDuplicate(result.Value!) ? "replayed" : "stored";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId}: purchase {TransactionId} {Outcome}, {PointsEarned} points")]
    private static partial void LogPurchase(ILogger logger, string memberId, string transactionId, PurchaseOutcomeKind outcome, long pointsEarned);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId}: {Command} {TransactionId} {Answer}")]
    private static partial void LogCommand(ILogger logger, string memberId, string command, string transactionId, string answer);
}
