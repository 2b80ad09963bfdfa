using System.Security.Claims;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>Merges of two members by customer service: <c>POST /api/members/{targetId}/merges</c>.</summary>
public static class MergesApi
{
    public static IEndpointRouteBuilder MapMergesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/members/{memberId}").WithTags("Members").AddEndpointFilter<MemberCallLogging>()
            .MapPost("/merges", Merge).RequireAuthorization(Policies.Support)
            .WithName("MergeMembers").WithSummary("Move everything of sourceMemberId into this member, exactly once; afterwards the source's calls are served by this member. Idempotent on transactionId.");
        return app;
    }

    private static Task<Results<Ok<MergeOutcome>, ValidationProblem, ProblemHttpResult>> Merge(
        string memberId, MergeRequest? body, IValidator<MergeRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        MembersApi.Command(memberId, body, validator, (target, b) => target.Merge(new MemberMerge(b.TransactionId!, b.SourceMemberId!, user.Identity?.Name)), grains);
}
