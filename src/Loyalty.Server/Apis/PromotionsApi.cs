using System.Security.Claims;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Grains.Clubs;
using Loyalty.Grains.Promotions;
using Loyalty.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Loyalty.Server.Apis;

/// <summary>Promotions, for marketing: <c>/api/promotions</c>. Every change is audited with who made it and when.</summary>
public static class PromotionsApi
{
    public static IEndpointRouteBuilder MapPromotionsApi(this IEndpointRouteBuilder app)
    {
        var promotions = app.MapGroup("/api/promotions").WithTags("Promotions").RequireAuthorization(Policies.Marketing);

        promotions.MapPost("", Create)
            .WithName("CreatePromotion").WithSummary("Create a promotion (201 with its id); it reaches every node within a second.");
        promotions.MapGet("", List)
            .WithName("ListPromotions").WithSummary("The promotions not ended, and those ended within the transaction window; active=true for those running now, active=false for the others.");
        promotions.MapGet("/audit", Audit)
            .WithName("PromotionAudit").WithSummary("The changes of the promotions, newest first, paged with the 'before' cursor: who, when, what.");
        promotions.MapGet("/{promotionId}", Get)
            .WithName("GetPromotion").WithSummary("One promotion, also one ended long ago.");
        promotions.MapPost("/{promotionId}/end", End)
            .WithName("EndPromotion").WithSummary("End a promotion now; idempotent.");
        return app;
    }

    private static async Task<Results<Created<PromotionView>, ValidationProblem>> Create(
        PromotionRequest? body, IValidator<PromotionRequest> validator, Programme programme, IGrainFactory grains,
        PromotionCatalogueCache cache, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, ClaimsPrincipal user)
    {
        var errors = RequestValidation.Check(validator, body);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var draft = Draft(body!);
        foreach (var (field, messages) in PromotionValidation.Validate(draft, programme.Options))
            errors[field] = messages;
        if (draft.Audience.ClubId is { } clubId && !errors.ContainsKey("audience.clubId") && await grains.ClubCatalogueGrain().Get(clubId) is null)
            errors["audience.clubId"] = [$"Club '{clubId}' does not exist."];
        if (errors.Count > 0)
            return Problems.Invalid(errors);

        var created = await grains.PromotionCatalogueGrain().Create(draft, user.Who());
        await cache.RefreshAsync(); // this node applies it at once; the others within their refresh interval
        return TypedResults.Created($"/api/promotions/{created.Definition.Id}", PromotionView.From(created, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<PromotionView[]>, ValidationProblem>> List(
        IGrainFactory grains, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, string? active)
    {
        if (active is not (null or "true" or "false"))
            return Problems.Invalid(new Dictionary<string, string[]> { ["active"] = ["'active' must be true or false."] });
        bool? running = active is null ? null : active == "true";
        var now = time.GetUtcNow();
        var views = (await grains.PromotionCatalogueGrain().List())
            .Where(r => running is null || r.Definition.RunsAt(now) == running)
            .Select(r => PromotionView.From(r, now)).ToArray();
        return TypedResults.Ok(views);
    }

    private static Task<Results<Ok<AuditPageResponse<PromotionAuditView>>, ValidationProblem>> Audit(
        IGrainFactory grains, HttpRequest request, int? limit, long? before) =>
        AuditPageResponse<PromotionAuditView>.AnswerAsync(request, limit, before, grains.PromotionCatalogueGrain().Audit, PromotionAuditView.From);

    private static async Task<Results<Ok<PromotionView>, ProblemHttpResult>> Get(
        string promotionId, IGrainFactory grains, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        var record = IdFormat.IsValid(promotionId) ? await grains.PromotionCatalogueGrain().Get(promotionId) : null;
        return record is null ? MarketingProblems.PromotionNotFound404(promotionId) : TypedResults.Ok(PromotionView.From(record, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<PromotionView>, ProblemHttpResult>> End(
        string promotionId, IGrainFactory grains, PromotionCatalogueCache cache,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, ClaimsPrincipal user)
    {
        var record = IdFormat.IsValid(promotionId) ? await grains.PromotionCatalogueGrain().End(promotionId, user.Who()) : null;
        if (record is null)
            return MarketingProblems.PromotionNotFound404(promotionId);
        await cache.RefreshAsync();
        return TypedResults.Ok(PromotionView.From(record, time.GetUtcNow()));
    }

    /// <summary>The definition a valid request describes; the catalogue gives it its id.</summary>
    private static PromotionDefinition Draft(PromotionRequest r)
    {
        var effect = r.Effect!;
        var kind = effect.Kind switch
        {
            "multiplier" => PromotionEffectKind.Multiplier,
            "bonusPoints" => PromotionEffectKind.BonusPoints,
            _ => PromotionEffectKind.BonusStamps,
        };
        var audience = r.Audience is { } a ? new PromotionAudience(a.ClubId, a.MinTier, a.Segment) : new PromotionAudience();
        return new PromotionDefinition("P-new", r.Name!, r.StartsAt!.Value, r.EndsAt!.Value, audience,
            new PromotionEffect(kind, effect.Value!.Value, effect.Category, effect.Sku, effect.MinSpend), r.LimitPerMember, r.BudgetPoints);
    }
}
