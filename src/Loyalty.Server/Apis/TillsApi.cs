using System.Security.Claims;
using FluentValidation;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Server.Tills;
using Loyalty.Server.Validation;
using Loyalty.Storage.Tills;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Apis;

/// <summary>
/// Enrolled tills, for operations: <c>/api/tills</c>. Each till gets its own key, shown once and stored as a digest;
/// a till's page exchanges the key for a short-lived session token (<c>POST /api/tills/sessions</c>).
/// </summary>
public static class TillsApi
{
    public const string TillNotFound = "urn:loyalty:problem:till-not-found";

    public static IEndpointRouteBuilder MapTillsApi(this IEndpointRouteBuilder app)
    {
        var tills = app.MapGroup("/api/tills").WithTags("Tills");

        tills.MapPost("", Enrol).RequireAuthorization(Policies.Operations)
            .WithName("EnrolTill").WithSummary("Enrol a till: 201 with its key, shown this once and stored only as a digest.");
        tills.MapGet("", List).RequireAuthorization(Policies.Operations)
            .WithName("ListTills").WithSummary("The enrolled tills, revoked ones included; never their keys.");
        tills.MapDelete("/{tillId}", Revoke).RequireAuthorization(Policies.Operations)
            .WithName("RevokeTill").WithSummary("Revoke a till: its key and sessions are refused on every node within 5 s.");
        tills.MapPost("/sessions", StartSession).RequireAuthorization(Policies.Till)
            .WithName("StartTillSession").WithSummary("Exchange an enrolled till's key for a short-lived session token usable wherever the key is.");
        return app;
    }

    private static async Task<Results<Created<TillEnrolled>, ValidationProblem>> Enrol(
        TillRequest? body, IValidator<TillRequest> validator, ITillStore store, TillCredentialRefresh refresh,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        var errors = RequestValidation.Check(validator, body);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var till = new EnrolledTill(TillSecrets.NewTillId(), body!.Name!, body.StoreId!, time.GetUtcNow(), null);
        var key = TillSecrets.NewKey();
        await store.EnrolAsync(till, TillSecrets.Digest(key));
        await refresh.RefreshAsync(); // usable on this node at once, on the others within their refresh interval
        return TypedResults.Created($"/api/tills/{till.TillId}", new TillEnrolled(till.TillId, key));
    }

    private static async Task<Ok<EnrolledTill[]>> List(ITillStore store) =>
        TypedResults.Ok((await store.ListAsync()).ToArray());

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Revoke(
        string tillId, ITillStore store, TillCredentialRefresh refresh, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        if (!Rules.MemberId().IsMatch(tillId))
            return Problems.Invalid(new Dictionary<string, string[]> { ["tillId"] = ["'tillId' must be 1 to 64 letters, digits, '-' or '_'."] });
        if (!await store.RevokeAsync(tillId, time.GetUtcNow()))
            return TypedResults.Problem($"Till '{tillId}' is not enrolled.", statusCode: StatusCodes.Status404NotFound,
                title: "Till not found", type: TillNotFound);
        await refresh.RefreshAsync(); // refused on this node at once
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<TillSession>, ProblemHttpResult>> StartSession(
        ClaimsPrincipal user, ITillStore store, TillCredentialRefresh refresh, IOptions<TillOptions> options,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        if (user.TillIdOf() is not { } tillId || !user.SignedInWithTillKey())
            return TypedResults.Problem("Only an enrolled till's key can be exchanged for a session token (not a configured key, nor a session token).",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: Problems.Forbidden);
        var now = time.GetUtcNow();
        var session = new TillSession(TillSecrets.NewSessionToken(), now + options.Value.SessionLifetime);
        await store.AddSessionAsync(tillId, TillSecrets.Digest(session.Token), now, session.ExpiresAt);
        await refresh.RefreshAsync(); // the other nodes know it within their refresh interval
        return TypedResults.Created("/api/tills/sessions", session);
    }
}

public sealed record TillRequest(string? Name, string? StoreId);

/// <summary>A newly enrolled till and its key: the only time the key is shown.</summary>
public sealed record TillEnrolled(string TillId, string Key);

public sealed record TillSession(string Token, DateTimeOffset ExpiresAt);
