using Loyalty.Domain.Insights;

namespace Loyalty.Domain.Tests.Insights;

/// <summary>Facts built by hand for the rule tests; the ledger tests go through a real programme instead.</summary>
internal static class InsightsKit
{
    /// <summary>The evaluation moment of the rule tests: mid-month, so month windows are unambiguous.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly InsightsOptions Defaults = new();

    public static OrderFact Order(DateTimeOffset at, long cents = 1000, params string[] categories) => new(at, cents, categories);

    /// <summary>Facts of exactly these orders, as if they were the member's whole history.</summary>
    public static MemberFacts Facts(params OrderFact[] orders)
    {
        if (orders.Length == 0)
            return MemberFacts.Empty;
        var sorted = orders.OrderBy(o => o.OccurredAt).ToArray();
        return new MemberFacts(sorted[0].OccurredAt, sorted[^1].OccurredAt, sorted.Length, sorted.Sum(o => o.SpendCents), sorted,
            sorted.Select(o => MemberFacts.MonthIndex(o.OccurredAt)));
    }

    /// <summary>Orders every <paramref name="everyDays"/> days, the last one <paramref name="lastDaysAgo"/> days before asOf.</summary>
    public static OrderFact[] Every(double everyDays, int count, double lastDaysAgo, long cents = 1000, params string[] categories) =>
        Enumerable.Range(0, count).Select(i => Order(AsOf.AddDays(-lastDaysAgo - (count - 1 - i) * everyDays), cents, categories)).ToArray();

    public static MemberEvaluation Evaluate(MemberFacts facts, InsightsOptions? options = null, DateTimeOffset? asOf = null) =>
        InsightsRules.Evaluate(facts, asOf ?? AsOf, options ?? Defaults);

    public static RiskReason? Reason(MemberEvaluation e, RiskReasonKind kind) => e.Reasons.SingleOrDefault(r => r.Kind == kind);
}
