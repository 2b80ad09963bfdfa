using Loyalty.Domain.Insights;
using Loyalty.Storage.Insights;

namespace Loyalty.Server.Apis;

// The answers of /api/insights. Money is a decimal with 2 places, like the rest of the API; the read model keeps cents.

/// <summary>
/// One period of the retention figures: [start, end), members active, retained from the period before, new, lost; the
/// current period is <c>partial</c>, its figures running <c>through</c> today.
/// </summary>
public sealed record RetentionPeriodView(DateTimeOffset Start, DateTimeOffset End, long Active, long Retained, long New, long Lost,
    double? RetentionRate, bool Partial, DateOnly? Through)
{
    public static RetentionPeriodView From(RetentionPeriod p) =>
        new(p.Start, p.End, p.Counts.Active, p.Counts.Retained, p.Counts.New, p.Lost, p.RetentionRate, p.Partial, p.Through);
}

public sealed record RetentionResponse(string Period, DateTimeOffset AsOf, IReadOnlyList<RetentionPeriodView> Periods);

public sealed record RiskReasonView(string Kind, string Text, string? Category, double? UsualIntervalDays, int? DaysSinceLastOrder,
    decimal? RecentAov, decimal? EarlierAov)
{
    public static RiskReasonView From(RiskReason r) => new(RiskReasonNames.NameOf(r.Kind), r.Text, r.Category, r.UsualIntervalDays,
        r.DaysSinceLastOrder, Money.OrNull(r.RecentAovCents), Money.OrNull(r.EarlierAovCents));
}

public sealed record AtRiskMemberView(string MemberId, decimal ValueAtStake, DateTimeOffset? LastOrderAt, IReadOnlyList<RiskReasonView> Reasons)
{
    public static AtRiskMemberView From(AtRiskMember m) =>
        new(m.MemberId, Money.Of(m.ValueAtStakeCents), m.LastOrderAt, m.Reasons.Select(RiskReasonView.From).ToArray());
}

public sealed record AtRiskResponse(DateTimeOffset AsOf, string? Reason, long Total, decimal ValueAtStake, int Limit, int Offset,
    IReadOnlyList<AtRiskMemberView> Members);

public sealed record RankedMemberView(int Rank, string MemberId, decimal Spend12m);

/// <param name="Share">The share of members asked for, or (with revenueShare) the share of members it took.</param>
/// <param name="Members">Members with a 12-month spend.</param>
/// <param name="RevenueShare">The share of the 12-month revenue the top members bring.</param>
public sealed record TopMembersResponse(DateTimeOffset AsOf, double Share, long Members, long TopCount, decimal TopRevenue,
    decimal TotalRevenue, double RevenueShare, IReadOnlyList<RankedMemberView> List);

public sealed record LostMemberView(string MemberId, DateTimeOffset? LastOrderAt, DateTimeOffset LostAt, decimal YearlyRevenue, decimal LifetimeSpend)
{
    public static LostMemberView From(LostMember m) =>
        new(m.MemberId, m.LastOrderAt, m.LostAt, Money.Of(m.YearlyValueCents), Money.Of(m.LifetimeSpendCents));
}

/// <param name="Formula">How the estimate is made, in words.</param>
/// <param name="Estimate">The lifetime value of a member.</param>
/// <param name="AverageYearlyValue">The mean 12-month spend of the members with one.</param>
/// <param name="MonthlyRetention">Retained over active the month before, over the last 12 months; null without data.</param>
public sealed record LifetimeValueView(string Formula, decimal Estimate, decimal AverageYearlyValue, double? MonthlyRetention,
    double YearlyChurn, double ExpectedLifetimeYears);

public sealed record LostResponse(DateTimeOffset AsOf, int Months, long Count, decimal YearlyRevenueLost, LifetimeValueView LifetimeValue,
    IReadOnlyList<LostMemberView> Members);

internal static class Money
{
    public static decimal Of(long cents) => cents / 100m;

    public static decimal? OrNull(long? cents) => cents is { } c ? Of(c) : null;
}
