using System.Security.Claims;
using Loyalty.Domain.Privacy;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>The members' data rights (GDPR): erasure, <c>DELETE /api/members/{memberId}</c>.</summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/members/{memberId}").WithTags("Members").AddEndpointFilter<MemberCallLogging>()
            .MapDelete("", Erase).RequireAuthorization(Policies.AccountReader)
            .WithName("EraseMember").WithSummary("Erase the member's personal data (support, or the member themself); the amounts stay under the id. Idempotent: 200 with the same body every time; every other call with the id answers 410 member-erased.");
        return app;
    }

    private static async Task<Results<Ok<ErasureOutcome>, ValidationProblem, ProblemHttpResult>> Erase(
        string memberId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayErase(memberId))
            return Problems.NotYours403("Only customer service, or the member themself, may erase a member.");
        var erased = await grains.GetGrain<IMemberGrain>(memberId).Erase();
        return erased is null ? Problems.MemberNotFound404(memberId) : TypedResults.Ok(erased);
    }
}
