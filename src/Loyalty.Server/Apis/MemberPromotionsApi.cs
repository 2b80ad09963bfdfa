using System.Security.Claims;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>The promotions open to a member: <c>/api/members/{memberId}/promotions</c>, for the member app and staff.</summary>
public static class MemberPromotionsApi
{
    public static IEndpointRouteBuilder MapMemberPromotionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/members/{memberId}/promotions", GetPromotions).WithTags("Members").RequireAuthorization(Policies.Reader)
            .WithName("GetMemberPromotions")
            .WithSummary("The promotions open to the member now: running, in their audience, within their limits and budget.");
        return app;
    }

    private static async Task<Results<Ok<MemberPromotionsResponse>, ValidationProblem, ProblemHttpResult>> GetPromotions(
        string memberId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayAccess(memberId))
            return Problems.NotYourAccount403();
        var open = await grains.GetGrain<IMemberMarketingGrain>(memberId).GetPromotions();
        return open is null
            ? Problems.MemberNotFound404(memberId)
            : TypedResults.Ok(new MemberPromotionsResponse(memberId, open.Select(PromotionOffer.From).ToArray()));
    }
}
