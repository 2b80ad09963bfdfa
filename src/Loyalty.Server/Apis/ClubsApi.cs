using System.Security.Claims;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Grains.Clubs;
using Loyalty.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>
/// Members-only clubs: <c>/api/clubs</c>. Marketing creates and updates them and enrols any member; a member joins
/// and leaves for themself; tills, marketing and members can list them. Changes to clubs are audited.
/// </summary>
public static class ClubsApi
{
    /// <summary>A club id that would clash with a route of its own.</summary>
    public const string ReservedId = "audit";

    public static IEndpointRouteBuilder MapClubsApi(this IEndpointRouteBuilder app)
    {
        var clubs = app.MapGroup("/api/clubs").WithTags("Clubs");

        clubs.MapGet("", List).RequireAuthorization(Policies.Reader)
            .WithName("ListClubs").WithSummary("Every club, by id.");
        clubs.MapGet("/audit", Audit).RequireAuthorization(Policies.Marketing)
            .WithName("ClubAudit").WithSummary("The changes of the clubs, newest first, paged with the 'before' cursor: who, when, what.");
        clubs.MapGet("/{clubId}", Get).RequireAuthorization(Policies.Reader)
            .WithName("GetClub").WithSummary("One club.");
        clubs.MapPut("/{clubId}", Put).RequireAuthorization(Policies.Marketing)
            .WithName("PutClub").WithSummary("Create a club (201) or update its name and description (200); 409 when a new club would pass the maximum.");
        clubs.MapPut("/{clubId}/members/{memberId}", Join).RequireAuthorization(Policies.Reader)
            .WithName("JoinClub").WithSummary("A member joins the club (marketing for any member, a member for themself); idempotent.");
        clubs.MapDelete("/{clubId}/members/{memberId}", Leave).RequireAuthorization(Policies.Reader)
            .WithName("LeaveClub").WithSummary("A member leaves the club (marketing for any member, a member for themself); idempotent.");
        return app;
    }

    private static async Task<Ok<Club[]>> List(IGrainFactory grains) =>
        TypedResults.Ok((await grains.ClubCatalogueGrain().List()).ToArray());

    private static Task<Results<Ok<AuditPageResponse<ClubAuditEntry>>, ValidationProblem>> Audit(
        IGrainFactory grains, HttpRequest request, int? limit, long? before) =>
        AuditPageResponse<ClubAuditEntry>.AnswerAsync(request, limit, before, grains.ClubCatalogueGrain().Audit, e => e);

    private static async Task<Results<Ok<Club>, ProblemHttpResult>> Get(string clubId, IGrainFactory grains)
    {
        var club = IdFormat.IsValid(clubId) ? await grains.ClubCatalogueGrain().Get(clubId) : null;
        return club is null ? MarketingProblems.ClubNotFound404(clubId) : TypedResults.Ok(club);
    }

    private static async Task<Results<Created<Club>, Ok<Club>, ValidationProblem, ProblemHttpResult>> Put(
        string clubId, ClubRequest? body, IValidator<ClubRequest> validator, IGrainFactory grains, Programme programme, ClaimsPrincipal user)
    {
        var errors = RequestValidation.Check(validator, body);
        if (CheckClubId(clubId) is { } clubIdError)
            errors["clubId"] = [clubIdError];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var saved = await grains.ClubCatalogueGrain().Put(clubId, body!.Name!, body.Description, user.Who());
        if (saved is null)
            return MarketingProblems.ClubLimitReached409(programme.Options.MaxClubs);
        return saved.Created ? TypedResults.Created($"/api/clubs/{clubId}", saved.Club) : TypedResults.Ok(saved.Club);
    }

    private static Task<Results<Ok<ClubMembershipOutcome>, ValidationProblem, ProblemHttpResult>> Join(
        string clubId, string memberId, IGrainFactory grains, ClaimsPrincipal user) =>
        Membership(clubId, memberId, grains, user, (member, club) => member.JoinClub(club.ClubId, club.Name));

    private static Task<Results<Ok<ClubMembershipOutcome>, ValidationProblem, ProblemHttpResult>> Leave(
        string clubId, string memberId, IGrainFactory grains, ClaimsPrincipal user) =>
        Membership(clubId, memberId, grains, user, (member, club) => member.LeaveClub(club.ClubId, club.Name));

    /// <summary>Checks the ids and the caller, finds the club, then one call to the member grain.</summary>
    private static async Task<Results<Ok<ClubMembershipOutcome>, ValidationProblem, ProblemHttpResult>> Membership(
        string clubId, string memberId, IGrainFactory grains, ClaimsPrincipal user,
        Func<IMemberMarketingGrain, Club, Task<Result<ClubMembershipOutcome>>> change)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (!IdFormat.IsValid(clubId))
            errors["clubId"] = [$"'clubId' must be 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'."];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayManageClubsOf(memberId))
            return MarketingProblems.NotYourMembership403();
        if (await grains.ClubCatalogueGrain().Get(clubId) is not { } club)
            return MarketingProblems.ClubNotFound404(clubId);
        var result = await change(grains.GetGrain<IMemberMarketingGrain>(memberId), club);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : Problems.From(result.Rejection!);
    }

    private static string? CheckClubId(string clubId) =>
        !IdFormat.IsValid(clubId) ? $"'clubId' must be 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'."
        : string.Equals(clubId, ReservedId, StringComparison.OrdinalIgnoreCase) ? $"'{ReservedId}' cannot be a club id."
        : null;
}
