using System.Security.Claims;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Server.Identity;
using Loyalty.Server.Tills;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Apis;

/// <summary>Enrolment, the account and the till's money-moving calls: <c>/api/members</c>.</summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members/{memberId}").WithTags("Members").AddEndpointFilter<MemberCallLogging>();

        members.MapPut("", Enrol).RequireAuthorization(Policies.Profile)
            .WithName("EnrolMember").WithSummary("Enrol a member or update their profile (201 on create, 200 on update); e-mail and phone unique across members (409).");
        members.MapGet("", GetAccount).RequireAuthorization(Policies.AccountReader)
            .WithName("GetAccount").WithSummary("The member's account: points, tier, stamp cards, rewards.");
        members.MapPost("/purchases", Purchase).RequireAuthorization(Policies.Till)
            .WithName("RecordPurchase").WithSummary("Award points, stamps and rewards for a sale (at most MaxRewardsPerSale rewards, else 422); idempotent on transactionId.");
        members.MapPost("/redemptions", Redeem).RequireAuthorization(Policies.Till)
            .WithName("Redeem").WithSummary("Spend points or an issued reward (one of the group its rewardId names); idempotent on transactionId.");
        members.MapPost("/refunds", Refund).RequireAuthorization(Policies.Till)
            .WithName("RecordRefund").WithSummary("Return lines of an earlier purchase, within RefundWindowDays of the sale (else 422 refund-window-closed); idempotent on transactionId.");
        members.MapGet("/activity", GetActivity).RequireAuthorization(Policies.AccountReader)
            .WithName("GetActivity").WithSummary("The member's ledger, newest first, paged with the 'before' cursor.");
        return app;
    }

    private static async Task<Results<Created<AccountView>, Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Enrol(
        string memberId, ProfileRequest? body, IValidator<ProfileRequest> validator, MemberIdentifiers identifiers,
        IOptions<IdentityOptions> identity)
    {
        var errors = RequestValidation.Check(validator, body, memberId);
        if (memberId == IdentityApi.LookupSegment)
            errors["memberId"] = [$"'memberId' may not be '{IdentityApi.LookupSegment}': that is the lookup's route."];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var profile = new MemberProfile(body!.Name!, Identifiers.NormaliseEmail(body.Email), body.BirthDate,
            Identifiers.NormalisePhone(body.Phone, identity.Value.DefaultRegion));
        var update = await identifiers.EnrolAsync(memberId, profile);
        if (update.InUse is { } inUse)
            return Problems.IdentifierInUse409(inUse);
        if (update.Account is not { } account)
            return Problems.MemberNotFound404(memberId);
        return update.Created ? TypedResults.Created($"/api/members/{memberId}", account) : TypedResults.Ok(account);
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> GetAccount(
        string memberId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayAccess(memberId))
            return Problems.NotYourAccount403();
        var account = await grains.Member(memberId).GetAccount();
        return account is null ? Problems.MemberNotFound404(memberId) : TypedResults.Ok(account.For(user));
    }

    // An enrolled till's id (null for a configured key) travels with its command into the ledger entries it makes.

    private static Task<Results<Ok<PurchaseOutcome>, ValidationProblem, ProblemHttpResult>> Purchase(
        string memberId, PurchaseRequest? body, IValidator<PurchaseRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(memberId, body, validator, (member, b) => member.Purchase(new Purchase(b.TransactionId!, b.StoreId, b.OccurredAt,
            b.Lines!.Select(l => new PurchaseLine(l!.Sku!, l.Category, l.Quantity!.Value, l.UnitPrice!.Value)).ToArray(), user.TillIdOf())), grains);

    private static Task<Results<Ok<RedemptionOutcome>, ValidationProblem, ProblemHttpResult>> Redeem(
        string memberId, RedemptionRequest? body, IValidator<RedemptionRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(memberId, body, validator, (member, b) => member.Redeem(new Redemption(b.TransactionId!, b.StoreId, b.Points, b.RewardId, user.TillIdOf())), grains);

    private static Task<Results<Ok<RefundOutcome>, ValidationProblem, ProblemHttpResult>> Refund(
        string memberId, RefundRequest? body, IValidator<RefundRequest> validator, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(memberId, body, validator, (member, b) => member.Refund(new Refund(b.TransactionId!, b.StoreId, b.OriginalTransactionId!,
            b.Lines!.Select(l => new RefundLine(l!.Sku!, l.Quantity!.Value)).ToArray(), user.TillIdOf())), grains);

    /// <summary>A till command: validate the route and body, one call to the member grain, its outcome or rejection.</summary>
    internal static async Task<Results<Ok<TOutcome>, ValidationProblem, ProblemHttpResult>> Command<TRequest, TOutcome>(
        string memberId, TRequest? body, IValidator<TRequest> validator,
        Func<IMemberGrain, TRequest, Task<Result<TOutcome>>> send, IGrainFactory grains)
    {
        var errors = RequestValidation.Check(validator, body, memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        return Answer(await send(grains.Member(memberId), body!));
    }

    private static async Task<Results<Ok<ActivityResponse>, ValidationProblem, ProblemHttpResult>> GetActivity(
        string memberId, IGrainFactory grains, ClaimsPrincipal user, HttpRequest request, int? limit, long? before)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        RequestValidation.CheckPage(request.Query, limit, before, errors);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayAccess(memberId))
            return Problems.NotYourAccount403();
        var page = await grains.Member(memberId).GetActivity(before, limit ?? RequestValidation.DefaultPageSize);
        return page is null ? Problems.MemberNotFound404(memberId) : TypedResults.Ok(ActivityResponse.From(page, user.IsMember()));
    }

    /// <summary>A command's outcome as 200, or its rejection as problem details.</summary>
    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : Problems.From(result.Rejection!);
}
