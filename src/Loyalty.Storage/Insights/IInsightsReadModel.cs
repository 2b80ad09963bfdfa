using Loyalty.Domain.Insights;

namespace Loyalty.Storage.Insights;

/// <summary>The questions the insights API and the segments ask the read model. Every one is served by an index.</summary>
public interface IInsightsReadModel
{
    /// <summary>The retention counts of the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> that have any.</summary>
    Task<IReadOnlyList<MonthRetention>> MonthsAsync(int fromMonth, int toMonth, CancellationToken cancellationToken = default);

    /// <summary>The members at risk (for <paramref name="reason"/>, or any reason when null), by value at stake, highest first.</summary>
    Task<AtRiskPage> AtRiskAsync(RiskReasonKind? reason, int limit, int offset, CancellationToken cancellationToken = default);

    /// <summary>How many members have a 12-month spend, and its sum.</summary>
    Task<SpendTotals> SpendTotalsAsync(CancellationToken cancellationToken = default);

    /// <summary>The first <paramref name="count"/> members by 12-month spend: how many there are and their spend.</summary>
    Task<TopSlice> TopByCountAsync(long count, CancellationToken cancellationToken = default);

    /// <summary>The fewest members, by 12-month spend, whose spend reaches <paramref name="spendCents"/>.</summary>
    Task<TopSlice> TopBySpendAsync(long spendCents, CancellationToken cancellationToken = default);

    /// <summary>The first <paramref name="limit"/> members by 12-month spend, highest first.</summary>
    Task<IReadOnlyList<RankedMember>> RankingAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The members lost in <c>(from, to]</c>, with the most recently lost first.</summary>
    Task<LostPage> LostAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every member in a segment but "top", with their segments.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> SegmentMembersAsync(CancellationToken cancellationToken = default);

    /// <summary>The ids of the first <paramref name="count"/> members by 12-month spend.</summary>
    Task<IReadOnlyList<string>> TopMemberIdsAsync(long count, CancellationToken cancellationToken = default);

    /// <summary>
    /// The plans of all the statements above, with example parameters at <paramref name="asOf"/>: EXPLAIN (ANALYZE,
    /// BUFFERS) on PostgreSQL (the statement runs), EXPLAIN QUERY PLAN on SQLite.
    /// </summary>
    Task<IReadOnlyList<InsightsQueryPlan>> ExplainAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default);
}
