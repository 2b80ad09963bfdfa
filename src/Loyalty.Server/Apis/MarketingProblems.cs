using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>The problem types of clubs and promotions (RFC 9457), next to the shared ones in <see cref="Problems"/>.</summary>
public static class MarketingProblems
{
    public const string ClubNotFound = "urn:loyalty:problem:club-not-found";
    public const string PromotionNotFound = "urn:loyalty:problem:promotion-not-found";
    public const string ClubLimitReached = "urn:loyalty:problem:club-limit-reached";

    public static ProblemHttpResult ClubNotFound404(string clubId) =>
        TypedResults.Problem($"Club '{clubId}' does not exist.", statusCode: StatusCodes.Status404NotFound,
            title: "Club not found", type: ClubNotFound);

    public static ProblemHttpResult ClubLimitReached409(int maxClubs) =>
        TypedResults.Problem($"The programme already has {maxClubs} clubs, its maximum (Loyalty:Program:MaxClubs); update an existing club instead.",
            statusCode: StatusCodes.Status409Conflict, title: "Club limit reached", type: ClubLimitReached);

    public static ProblemHttpResult PromotionNotFound404(string promotionId) =>
        TypedResults.Problem($"Promotion '{promotionId}' does not exist.", statusCode: StatusCodes.Status404NotFound,
            title: "Promotion not found", type: PromotionNotFound);

    public static ProblemHttpResult NotYourMembership403() =>
        TypedResults.Problem("A member may join or leave clubs only for themself.", statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden", type: Problems.Forbidden);
}
