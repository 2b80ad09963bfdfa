using System.Security.Claims;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Server.Tills;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>Corrections at the counter: adjustments by customer service and voids of redemptions, under <c>/api/members</c>.</summary>
public static class CorrectionsApi
{
    public static IEndpointRouteBuilder MapCorrectionsApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members/{memberId}").WithTags("Members").AddEndpointFilter<MemberCallLogging>();

        members.MapPost("/adjustments", Adjust).RequireAuthorization(Policies.Support)
            .WithName("AdjustPoints").WithSummary("Add or remove points by hand, for a reason (at most MaxAdjustmentPoints, else 422); never below zero; idempotent on transactionId.");
        members.MapPost("/voids", Void).RequireAuthorization(Policies.TillOrSupport)
            .WithName("VoidRedemption").WithSummary("Undo a redemption, once: points back into their lots, or the reward usable again; idempotent on transactionId.");
        return app;
    }

    // Who made an adjustment or a void: the enrolled till's id, else the API key's name.

    private static Task<Results<Ok<AdjustmentOutcome>, ValidationProblem, ProblemHttpResult>> Adjust(
        string memberId, AdjustmentRequest? body, IValidator<AdjustmentRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        MembersApi.Command(memberId, body, validator, (member, b) => member.Adjust(new Adjustment(b.TransactionId!, b.Points!.Value, b.Reason!,
            b.Note, user.TillIdOf() ?? user.Identity?.Name ?? "", user.TillIdOf())), grains);

    private static Task<Results<Ok<VoidOutcome>, ValidationProblem, ProblemHttpResult>> Void(
        string memberId, RedemptionVoidRequest? body, IValidator<RedemptionVoidRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        MembersApi.Command(memberId, body, validator, (member, b) => member.VoidRedemption(
            new RedemptionVoid(b.TransactionId!, b.OriginalTransactionId!, user.TillIdOf(), user.TillIdOf() ?? user.Identity?.Name)), grains);
}
