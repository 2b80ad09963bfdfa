using Loyalty.Domain.Insights;
using Loyalty.Grains;
using Loyalty.Server.Auth;
using Loyalty.Storage.Insights;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Apis;

/// <summary>Retention insights, for marketing: <c>/api/insights</c>, answered from the read model the projector keeps.</summary>
public static class InsightsApi
{
    public const int MaxLimit = 500;
    public const int MaxOffset = 10_000;
    public const int MaxMonths = 60;

    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/api/insights").WithTags("Insights").RequireAuthorization(Policies.Marketing);

        insights.MapGet("/retention", Retention).WithName("GetRetention")
            .WithSummary("Per month, oldest first up to the current one: active members, retained from the month before, new, lost, the retention rate.");
        insights.MapGet("/at-risk", AtRisk).WithName("GetAtRiskMembers")
            .WithSummary("Members whose behaviour changed (lapsed, aov-falling, category-dropped), with the reasons and the value at stake, highest first.");
        insights.MapGet("/top-members", TopMembers).WithName("GetTopMembers")
            .WithSummary("The top share of members by 12-month spend and the revenue share they bring; or, with revenueShare, the fewest members bringing that share.");
        insights.MapGet("/lost", Lost).WithName("GetLostMembers")
            .WithSummary("Members lost in the last months, their last purchase, the yearly revenue lost with them, and a lifetime value estimate.");
        return app;
    }

    private static async Task<Results<Ok<RetentionResponse>, ValidationProblem>> Retention(
        IInsightsReadModel readModel, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, string? period, string? count)
    {
        var query = new InsightsQuery();
        query.Choice("period", period, "month");
        var months = query.Integer("count", count, 12, 1, MaxMonths);
        if (query.Errors.Count > 0)
            return Problems.Invalid(query.Errors);

        var asOf = time.GetUtcNow();
        var current = MemberFacts.MonthIndex(asOf);
        var counts = (await readModel.MonthsAsync(current - months, current)).ToDictionary(m => m.Month, m => m.Counts);
        var periods = RetentionPeriod.UpTo(asOf, months, counts).Select(RetentionPeriodView.From).ToArray();
        return TypedResults.Ok(new RetentionResponse("month", asOf, periods));
    }

    private static async Task<Results<Ok<AtRiskResponse>, ValidationProblem>> AtRisk(
        IInsightsReadModel readModel, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, string? reason, string? limit, string? offset)
    {
        var query = new InsightsQuery();
        var name = query.Choice("reason", reason, RiskReasonNames.Lapsed, RiskReasonNames.AovFalling, RiskReasonNames.CategoryDropped);
        var take = query.Integer("limit", limit, 100, 1, MaxLimit);
        var skip = query.Integer("offset", offset, 0, 0, MaxOffset);
        if (query.Errors.Count > 0)
            return Problems.Invalid(query.Errors);

        RiskReasonKind? kind = RiskReasonNames.TryParse(name, out var parsed) ? parsed : null;
        var page = await readModel.AtRiskAsync(kind, take, skip);
        return TypedResults.Ok(new AtRiskResponse(time.GetUtcNow(), name, page.Total, Money.Of(page.ValueAtStakeCents), take, skip,
            page.Members.Select(AtRiskMemberView.From).ToArray()));
    }

    private static async Task<Results<Ok<TopMembersResponse>, ValidationProblem>> TopMembers(
        IInsightsReadModel readModel, IOptions<InsightsOptions> options, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
        string? share, string? revenueShare, string? limit)
    {
        var query = new InsightsQuery();
        var memberShare = query.Share("share", share);
        var revenue = query.Share("revenueShare", revenueShare);
        var take = query.Integer("limit", limit, 100, 1, MaxLimit);
        if (memberShare is not null && revenue is not null)
            query.Errors["revenueShare"] = ["Give either 'share' or 'revenueShare', not both."];
        if (query.Errors.Count > 0)
            return Problems.Invalid(query.Errors);

        var totals = await readModel.SpendTotalsAsync();
        TopSlice top;
        if (revenue is { } r)
            top = await readModel.TopBySpendAsync((long)Math.Ceiling(totals.SpendCents * r));
        else
            top = await readModel.TopByCountAsync((long)Math.Ceiling(totals.Members * (memberShare ?? options.Value.TopShare)));
        var ranking = await readModel.RankingAsync((int)Math.Min(take, Math.Max(top.Count, 0)));
        var shareOfMembers = revenue is null ? memberShare ?? options.Value.TopShare : totals.Members > 0 ? (double)top.Count / totals.Members : 0;
        return TypedResults.Ok(new TopMembersResponse(time.GetUtcNow(), Math.Round(shareOfMembers, 4), totals.Members, top.Count,
            Money.Of(top.SpendCents), Money.Of(totals.SpendCents), totals.SpendCents > 0 ? Math.Round((double)top.SpendCents / totals.SpendCents, 4) : 0,
            ranking.Select(m => new RankedMemberView(m.Rank, m.MemberId, Money.Of(m.Spend12mCents))).ToArray()));
    }

    private static async Task<Results<Ok<LostResponse>, ValidationProblem>> Lost(
        IInsightsReadModel readModel, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, string? months, string? limit)
    {
        var query = new InsightsQuery();
        var window = query.Integer("months", months, 12, 1, MaxMonths);
        var take = query.Integer("limit", limit, 100, 1, MaxLimit);
        if (query.Errors.Count > 0)
            return Problems.Invalid(query.Errors);

        var asOf = time.GetUtcNow();
        var page = await readModel.LostAsync(asOf.AddMonths(-window), asOf, take);
        var totals = await readModel.SpendTotalsAsync();
        var current = MemberFacts.MonthIndex(asOf);
        var counts = (await readModel.MonthsAsync(current - 12, current)).ToDictionary(m => m.Month, m => m.Counts);
        var consecutive = Enumerable.Range(current - 12, 13).Select(m => counts.GetValueOrDefault(m)).ToArray();
        var ltv = InsightsRules.EstimateLifetimeValue(totals.Members > 0 ? totals.SpendCents / totals.Members : 0, consecutive);
        return TypedResults.Ok(new LostResponse(asOf, window, page.Count, Money.Of(page.YearlyValueCents),
            new LifetimeValueView(ltv.Formula, Money.Of(ltv.EstimateCents), Money.Of(ltv.AverageYearlyValueCents),
                ltv.MonthlyRetention is { } m ? Math.Round(m, 4) : null, Math.Round(ltv.YearlyChurn, 4), Math.Round(ltv.ExpectedLifetimeYears, 2)),
            page.Members.Select(LostMemberView.From).ToArray()));
    }
}
