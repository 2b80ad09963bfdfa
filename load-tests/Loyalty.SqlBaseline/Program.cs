using System.Text.RegularExpressions;
using Loyalty.SqlBaseline;

// The stateless peer of the engine: the same purchase, as SQL in one transaction. See load-tests/README.md.
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(BaselineOptions.SectionName).Get<BaselineOptions>() ?? new BaselineOptions();
var keys = options.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToHashSet(StringComparer.Ordinal);
if (keys.Count == 0)
    throw new InvalidOperationException("Configure at least one key under Baseline:ApiKeys.");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new BaselineDatabase(options, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
builder.Services.AddSingleton<LoyaltyStore>();
builder.Services.AddProblemDetails();

var app = builder.Build();
await app.Services.GetRequiredService<BaselineDatabase>().EnsureSchemaAsync(CancellationToken.None);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapGet("/health/live", () => "Healthy");

var api = app.MapGroup("/api/members/{memberId}");
api.AddEndpointFilter(async (context, next) =>
{
    var http = context.HttpContext;
    if (!http.Request.Headers.TryGetValue("X-Api-Key", out var key) || !keys.Contains(key.ToString()))
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Send a valid 'X-Api-Key' header.");
    if (http.GetRouteValue("memberId") is not string memberId || !Requests.MemberId().IsMatch(memberId))
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["memberId"] = ["1 to 64 letters, digits, '-' or '_'."] });
    return await next(context);
});

api.MapPut("", async (string memberId, ProfileRequest profile, LoyaltyStore store, CancellationToken cancellation) =>
{
    var created = await store.EnrolAsync(memberId, profile, cancellation);
    var account = await store.GetAsync(memberId, cancellation);
    return created ? Results.Created($"/api/members/{memberId}", account) : Results.Ok(account);
});

api.MapGet("", async (string memberId, LoyaltyStore store, CancellationToken cancellation) =>
    await store.GetAsync(memberId, cancellation) is { } account ? Results.Ok(account) : Results.NotFound());

api.MapPost("/purchases", async (string memberId, PurchaseRequest request, LoyaltyStore store, TimeProvider clock, CancellationToken cancellation) =>
{
    if (Requests.Validate(request, clock.GetUtcNow()) is { } errors)
        return Results.ValidationProblem(errors);
    var (outcome, response) = await store.PurchaseAsync(memberId, request, cancellation);
    return outcome switch
    {
        PurchaseOutcome.NotEnrolled => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Member '{memberId}' is not enrolled."),
        PurchaseOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            detail: $"Transaction '{request.TransactionId}' was recorded with a different body."),
        _ => Results.Ok(response),
    };
});

app.Run();

/// <summary>The host's entry point, visible to the tests.</summary>
public partial class Program;

internal static partial class Requests
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex MemberId();

    /// <summary>The engine's purchase rules: a transaction id of 1 to 64 characters, 1 to 500 lines, quantities 1 to
    /// 10,000, unit prices 0 to 1,000,000 with at most 2 decimals, <c>occurredAt</c> at most 5 minutes ahead.</summary>
    public static Dictionary<string, string[]>? Validate(PurchaseRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.TransactionId) || request.TransactionId.Length > 64)
            errors["transactionId"] = ["1 to 64 characters."];
        if (request.Lines is not { Count: >= 1 and <= 500 } lines)
            errors["lines"] = ["1 to 500 lines."];
        else
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line is null)
                    errors[$"lines[{i}]"] = ["A line is required."];
                else if (line.Quantity is < 1 or > 10_000)
                    errors[$"lines[{i}].quantity"] = ["1 to 10000."];
                else if (line.UnitPrice is < 0 or > 1_000_000 || decimal.Round(line.UnitPrice, 2) != line.UnitPrice)
                    errors[$"lines[{i}].unitPrice"] = ["0 to 1000000, at most 2 decimals."];
            }
        if (request.OccurredAt is { } at && at > now.AddMinutes(5))
            errors["occurredAt"] = ["Not more than 5 minutes in the future."];
        return errors.Count == 0 ? null : errors;
    }
}
