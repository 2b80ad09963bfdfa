namespace Loyalty.Server.Apis;

/// <summary>
/// Serves each call of the members API inside a <see cref="MemberLogScope"/> (the member id from the route, the
/// transaction id from a till's command), and logs its answer at Debug: one record per call, off in production.
/// </summary>
internal sealed partial class MemberCallLogging(ILogger<MemberCallLogging> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var memberId = Bounded(context.HttpContext.Request.RouteValues["memberId"] as string) ?? "";
        var transactionId = Bounded(TransactionIdOf(context.Arguments));
        using var scope = logger.BeginScope(new MemberLogScope(memberId, transactionId));
        var result = await next(context);
        if (logger.IsEnabled(LogLevel.Debug))
            LogAnswered(logger, CallName(context.HttpContext),
                (result as IStatusCodeHttpResult)?.StatusCode ?? context.HttpContext.Response.StatusCode);
        return result;
    }

    /// <summary>The endpoint's name (e.g. <c>RecordPurchase</c>).</summary>
    private static string CallName(HttpContext context) =>
        context.GetEndpoint() is { } endpoint
            ? endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? ""
            : context.Request.Path.ToString();

    /// <summary>Ids are at most 64 characters once validated; a longer one, refused later, is cut for the log.</summary>
    private static string? Bounded(string? id) => id is { Length: > MaxIdLength } ? id[..MaxIdLength] : id;

    private const int MaxIdLength = 64;

    /// <summary>The transaction id of the till's command among the call's arguments, if any.</summary>
    private static string? TransactionIdOf(IList<object?> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var id = arguments[i] switch
            {
                PurchaseRequest purchase => purchase.TransactionId,
                RedemptionRequest redemption => redemption.TransactionId,
                RefundRequest refund => refund.TransactionId,
                _ => null,
            };
            if (id is not null)
                return id;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Call} answered {StatusCode}")]
    private static partial void LogAnswered(ILogger logger, string call, int statusCode);
}
